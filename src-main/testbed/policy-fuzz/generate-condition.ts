import type { Random } from './seeded-random.ts'
import * as words from './case-vocabulary.ts'

/** Which key rules MinIO applies to a statement, decided by its Action set (spec §1.9 step 4). */
export type StatementFamily = 's3' | 'admin' | 'kms' | 'sts'

/** One generated (operator, key) pair, kept so requests can be aimed at it. */
export interface GeneratedCondition {
  operator: string
  key: string
  values: unknown[]
}

type OperatorFamily = 'string' | 'like' | 'binary' | 'ip' | 'null' | 'bool' | 'numeric' | 'date'

const FAMILY_WEIGHTS: ReadonlyArray<readonly [number, OperatorFamily]> = [
  [30, 'string'], [16, 'like'], [4, 'binary'], [12, 'ip'], [8, 'null'], [8, 'bool'], [12, 'numeric'], [10, 'date'],
]

/**
 * Builds a random Condition block for a statement of the given family and first action, mostly
 * valid for it (so decisions dominate), sometimes not (so MinIO's rejections are exercised too).
 * Returns the JSON block and the flat list of its conditions.
 */
export function generateConditionBlock(random: Random, family: StatementFamily, firstAction: string, actionCount: number): {
  block: Record<string, Record<string, unknown>>
  conditions: GeneratedCondition[]
} {
  const block: Record<string, Record<string, unknown>> = {}
  const conditions: GeneratedCondition[] = []
  const operatorCount = random.weighted([[70, 1], [25, 2], [5, 3]] as const)
  for (let index = 0; index < operatorCount; index++) {
    const condition = generateCondition(random, family, firstAction, actionCount)
    const keys = (block[condition.operator] ??= {})
    keys[condition.key] = condition.values.length === 1 && random.chance(0.5) ? condition.values[0] : condition.values
    conditions.push(condition)
  }
  if (random.chance(0.005)) block[random.pick(words.BAD_OPERATORS)] = { 'aws:username': 'alice' }
  if (random.chance(0.01)) block['StringEquals'] = {}
  return { block, conditions: conditions.filter((condition) => block[condition.operator]?.[condition.key] !== undefined) }
}

function generateCondition(random: Random, family: StatementFamily, firstAction: string, actionCount: number): GeneratedCondition {
  if (family === 'sts' && random.chance(0.9)) {
    return { operator: random.pick(words.NUMERIC_OPERATORS), key: 'sts:DurationSeconds', values: [random.pick([900, 3600, '3600'])] }
  }
  const operatorFamily = random.weighted(FAMILY_WEIGHTS)
  const qualifier = random.pick(words.QUALIFIERS)
  switch (operatorFamily) {
    case 'string':
      return { operator: qualifier + random.pick(words.STRING_OPERATORS), key: stringKey(random, family, firstAction, actionCount), values: distinctMostly(random, random.some(words.STRING_VALUES, 1, 3)) }
    case 'like':
      return { operator: qualifier + random.pick(words.LIKE_OPERATORS), key: stringKey(random, family, firstAction, actionCount), values: distinctMostly(random, random.some(words.LIKE_PATTERNS, 1, 2)) }
    case 'binary':
      return { operator: 'BinaryEquals', key: stringKey(random, family, firstAction, actionCount), values: [random.weighted([[40, 'YWxpY2U='], [40, 'Ym9i'], [15, 'YWxp\nY2U='], [5, 'bad!']] as const)] }
    case 'ip':
      return { operator: random.pick(['IpAddress', 'NotIpAddress']), key: random.chance(0.99) ? 'aws:SourceIp' : 'aws:username', values: ipValues(random) }
    case 'null':
      return { operator: 'Null', key: stringKey(random, family, firstAction, actionCount), values: [random.chance(0.04) ? random.pick(['yes', 5]) : random.pick([true, false, 'true', 'false', '1', 'F', null])] }
    case 'bool':
      return { operator: 'Bool', key: random.chance(0.99) ? 'aws:SecureTransport' : 'aws:username', values: [random.chance(0.04) ? random.pick(['yes', 5]) : random.pick<unknown>([true, false, ...words.BOOL_STRINGS])] }
    case 'numeric':
      return { operator: random.pick(words.NUMERIC_OPERATORS), key: numericKey(random, family, firstAction), values: numericValues(random) }
    case 'date':
      return { operator: random.pick(words.DATE_OPERATORS), key: random.chance(0.9) ? 'aws:CurrentTime' : 'aws:EpochTime', values: [random.chance(0.05) ? random.pick<unknown>([...words.BAD_DATE_VALUES, 1_700_000_000]) : random.pick(words.DATE_VALUES)] }
  }
}

function stringKey(random: Random, family: StatementFamily, firstAction: string, actionCount: number): string {
  const roll = random.next()
  if (roll < 0.01) return random.pick(words.BAD_KEYS)
  const specific = words.ACTION_KEYS[firstAction]
  // Action-specific keys are valid only if every action of the statement allows them (spec §2.6).
  if (family === 's3' && specific && roll < (actionCount === 1 ? 0.45 : 0.08)) return random.pick(specific)
  if (family === 's3' && roll < 0.5) return random.pick(['s3:signatureversion', 's3:authType', 's3:x-amz-content-sha256'])
  return random.pick(words.SAFE_KEYS)
}

function numericKey(random: Random, family: StatementFamily, firstAction: string): string {
  if (family === 's3' && (firstAction.startsWith('s3:List') || firstAction === 's3:*') && random.chance(0.6)) return 's3:max-keys'
  if (family === 'admin' && random.chance(0.3)) return 'svc:DurationSeconds'
  return random.pick(family === 's3' ? ['aws:EpochTime', 'jwt:sub', 's3:signatureAge'] : ['aws:EpochTime', 'jwt:sub'])
}

function ipValues(random: Random): unknown[] {
  if (random.chance(0.02)) return [random.pick(words.BAD_CIDRS)]
  if (random.chance(0.005)) return [12]
  return random.some(words.CIDRS, 1, 2).filter((value, index, all) => all.indexOf(value) === index)
}

function numericValues(random: Random): unknown[] {
  const roll = random.next()
  if (roll < 0.01) return [5, '5']
  if (roll < 0.015) return [true]
  if (roll < 0.02) return ['5.5']
  if (roll < 0.55) return [random.pick(words.INTEGER_VALUES)]
  return [random.pick(words.INTEGER_STRINGS.slice(0, 4))]
}

// MinIO rejects a repeated value (`duplicate value found`); keep that rare so decisions dominate.
function distinctMostly(random: Random, values: unknown[]): unknown[] {
  return random.chance(0.03) ? values : values.filter((value, index, all) => all.indexOf(value) === index)
}
