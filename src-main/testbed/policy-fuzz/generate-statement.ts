import type { Random } from './seeded-random.ts'
import { generateConditionBlock, type GeneratedCondition, type StatementFamily } from './generate-condition.ts'
import * as words from './case-vocabulary.ts'

/** A generated statement: its JSON plus what the request generator needs to aim at it. */
export interface GeneratedStatement {
  json: Record<string, unknown>
  family: StatementFamily
  actions: string[]
  isNotAction: boolean
  resources: string[]
  isNotResource: boolean
  conditions: GeneratedCondition[]
}

/** Per-case context: the names a case's policies and requests share. */
export interface World {
  buckets: string[]
  users: string[]
}

const FAMILY_WEIGHTS: ReadonlyArray<readonly [number, StatementFamily]> = [[70, 's3'], [12, 'admin'], [10, 'kms'], [8, 'sts']]

/** One random IAM statement of any family; mostly valid, sometimes deliberately not. */
export function generateStatement(random: Random, world: World): GeneratedStatement {
  const family = random.weighted(FAMILY_WEIGHTS)
  const isNotAction = family === 's3' && random.chance(0.1)
  const actions = isNotAction ? distinct(random.some(words.NOT_ACTIONS, 1, 2)) : generateActions(random, family)
  const { resources, isNotResource } = generateResources(random, family, world)
  const json: Record<string, unknown> = { Effect: random.weighted([[628, 'Allow'], [370, 'Deny'], [2, random.pick(['allow', '', 'Permit'])]] as const) }
  if (random.chance(0.15)) json.Sid = random.pick(['s1', 's2', 'ReadAll', ''])
  json[isNotAction ? 'NotAction' : 'Action'] = actions.length === 1 && random.chance(0.4) ? actions[0] : actions
  if (resources.length > 0) json[isNotResource ? 'NotResource' : 'Resource'] = resources.length === 1 && random.chance(0.4) ? resources[0] : resources
  let conditions: GeneratedCondition[] = []
  if (random.chance(0.45)) {
    const generated = generateConditionBlock(random, family, actions[0] ?? '', actions.length)
    json.Condition = generated.block
    conditions = generated.conditions
  }
  return { json, family, actions, isNotAction, resources, isNotResource, conditions }
}

function generateActions(random: Random, family: StatementFamily): string[] {
  switch (family) {
    case 'admin':
      return distinct([...random.some(words.ADMIN_ACTIONS, 1, 2), ...(random.chance(0.01) ? ['s3:GetObject'] : [])])
    case 'kms':
      return distinct(random.some(words.KMS_ACTIONS, 1, 2))
    case 'sts':
      return random.chance(0.8) ? ['*'] : distinct(random.some(words.STS_ACTIONS, 1, 2))
    case 's3':
      return distinct(Array.from({ length: random.int(1, 3) }, () => s3Action(random)))
  }
}

function s3Action(random: Random): string {
  return random.weighted<() => string>([
    [40, () => random.pick(words.S3_OBJECT_ACTIONS)],
    [25, () => random.pick(words.S3_BUCKET_ACTIONS)],
    [5, () => random.pick(words.S3_SERVICE_ACTIONS)],
    [25, () => random.pick(words.S3_PATTERNS)],
    [0.5, () => random.pick(words.S3_INVALID)],
  ])()
}

function generateResources(random: Random, family: StatementFamily, world: World): { resources: string[]; isNotResource: boolean } {
  if ((family === 'admin' || family === 'sts') && random.chance(0.5)) return { resources: [], isNotResource: false }
  if (family === 'kms') return kmsResources(random)
  if (family === 's3' && random.chance(0.005)) return { resources: [], isNotResource: false }
  const isNotResource = random.chance(0.12)
  const resources = distinct(Array.from({ length: random.weighted([[70, 1], [25, 2], [5, 3]] as const) }, () => s3Resource(random, world)))
  return { resources, isNotResource }
}

function kmsResources(random: Random): { resources: string[]; isNotResource: boolean } {
  const roll = random.next()
  if (roll < 0.35) return { resources: [], isNotResource: false }
  const key = random.pick([...words.KMS_KEYS, 'secret*', 'app-*', '${aws:username}'])
  const resource = roll < 0.96 ? `arn:minio:kms:::${key}` : random.pick(['*', 'arn:aws:s3:::b/*', 'arn:minio:kms:::a/b'])
  return { resources: [resource], isNotResource: random.chance(0.2) }
}

function s3Resource(random: Random, world: World): string {
  const bucket = random.pick(world.buckets)
  const arn = 'arn:aws:s3:::'
  return random.weighted([
    [20, `${arn}${bucket}/*`],
    [10, `${arn}${bucket}`],
    [8, `${arn}${bucket}*`],
    [6, `${arn}${bucket}/home/\${aws:username}/*`],
    [3, `${arn}\${aws:username}`],
    [3, `${arn}${bucket}/\${aws:Username}/*`],
    [2, `${arn}${bucket}/\${jwt:sub}/*`],
    [2, `${arn}${bucket}/\${*}`],
    [4, `${arn}${bucket}/file?.txt`],
    [3, `${arn}${bucket}?`],
    [3, `${arn}${bucket}/dir`],
    [2, `${arn}other/secret`],
    [2, `${arn}my*bucket`],
    [6, '*'],
    [5, `${arn}*`],
    [3, `${arn}*/*`],
    [2, `*${bucket}`],
    [2, '**'],
    [1, `${arn}${bucket}/*/x.txt`],
    [0.6, random.pick(['*/*', `${arn}/x`, `ARN:AWS:S3:::${bucket}`, `${arn}`, `arn:minio:kms:::${bucket}`, `*${bucket}/x`, 'b'])],
  ] as const)
}

function distinct<T>(items: T[]): T[] {
  return items.filter((item, index) => items.indexOf(item) === index)
}
