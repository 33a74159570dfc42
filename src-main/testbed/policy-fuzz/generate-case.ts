import { Random } from './seeded-random.ts'
import { generateRequest, type CaseRequest } from './generate-request.ts'
import { generateStatement, type GeneratedStatement, type World } from './generate-statement.ts'
import { toRawText, breakDocument } from './mutate-document.ts'
import * as words from './case-vocabulary.ts'

/** One case of the case format (issue 3): a document is an object or a string of raw JSON text. */
export interface PolicyCase {
  id: string
  policies: Array<Record<string, unknown> | string | null>
  request: CaseRequest
}

const CANNED: Record<string, Record<string, unknown>> = {
  readonly: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetObject'], Resource: ['arn:aws:s3:::*'] }] },
  readwrite: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] }] },
  consoleAdmin: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['admin:*'] },
      { Effect: 'Allow', Action: ['kms:*'] },
      { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] },
    ],
  },
}

/**
 * Generates one random case from the seeded source: one to three policies of one to four
 * statements (any family, Allow/Deny, NotAction/NotResource, conditions of every operator family),
 * some as raw text with duplicate keys, odd key case or trailing text, a few deliberately invalid;
 * and a request aimed at one of the statements. Deterministic for a given Random state.
 */
export function generateCase(random: Random, id: string): PolicyCase {
  const world: World = {
    buckets: [random.pick(words.BUCKETS), random.pick(words.BUCKETS)],
    users: [random.pick(words.USERS), random.pick(words.USERS)],
  }
  const statements: GeneratedStatement[] = []
  const policies: PolicyCase['policies'] = []
  const policyCount = random.weighted([[55, 1], [30, 2], [15, 3]] as const)
  for (let index = 0; index < policyCount; index++) {
    if (random.chance(0.06)) {
      policies.push(structuredClone(CANNED[random.pick(Object.keys(CANNED))] ?? {}))
      continue
    }
    const own = Array.from({ length: random.weighted([[40, 1], [35, 2], [15, 3], [10, 4]] as const) }, () => generateStatement(random, world))
    statements.push(...own)
    policies.push(renderDocument(random, own))
  }
  // Now and then no policies at all: MinIO merges nothing and denies (unless DenyOnly/IsOwner).
  if (random.chance(0.01)) policies.length = 0
  const target = statements.length > 0 && random.chance(0.9) ? random.pick(statements) : undefined
  return { id, policies, request: generateRequest(random, world, target) }
}

function renderDocument(random: Random, statements: GeneratedStatement[]): PolicyCase['policies'][number] {
  const document: Record<string, unknown> = { Version: '2012-10-17', Statement: statements.map((statement) => statement.json) }
  if (random.chance(0.03)) delete document.Version
  if (random.chance(0.01)) document.Id = 'policy-1'
  if (random.chance(0.02)) return breakDocument(random, document)
  if (random.chance(0.15)) return toRawText(random, document)
  return document
}

/** The seed of case `index` of a run: each case has its own stream, so any slice can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
  let value = (Math.imul(seed >>> 0, 0x9e3779b1) + index) >>> 0
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35) >>> 0
  return (value ^ (value >>> 16)) >>> 0
}

/**
 * Yields the cases of a run for `seed`: indexes `from`, `from + step`, … below `count` (a shard;
 * defaults give all), ids `<seed>-<index>`. The same seed and index always give the same case.
 */
export function* generateCases(seed: number, count: number, from = 0, step = 1): Generator<PolicyCase> {
  for (let index = from; index < count; index += step) yield generateCase(new Random(caseSeed(seed, index)), `${seed}-${index}`)
}
