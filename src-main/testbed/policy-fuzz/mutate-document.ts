import type { Random } from './seeded-random.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * Serialises a document as raw JSON text with the quirks Go's decoder tolerates (spec §1.2): field
 * names in odd case, an earlier duplicate key that the later one overrides, unknown fields, a
 * Principal in an IAM statement, extra whitespace and trailing text after the first value.
 */
export function toRawText(random: Random, document: Record<string, unknown>): string {
  const options = {
    oddCase: random.chance(0.4),
    duplicate: random.chance(0.4),
    unknown: random.chance(0.15),
    pretty: random.chance(0.2),
  }
  let text = write(random, document as Json, options, 0)
  if (random.chance(0.25)) text += random.pick([' garbage {{{', '\n{"Statement":[]}', ' ]', '   \n'])
  if (random.chance(0.05)) text = '\uFEFF' + text
  return text
}

interface WriteOptions {
  oddCase: boolean
  duplicate: boolean
  unknown: boolean
  pretty: boolean
}

const DECOYS: Record<string, Json> = {
  Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::decoy/*', Version: '2008-10-17',
  Condition: { StringEquals: { 'aws:username': 'decoy' } }, Sid: 'decoy', Statement: [],
}
const KNOWN_FIELDS = new Set(['Version', 'Statement', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Sid', 'Id'])

function write(random: Random, value: Json, options: WriteOptions, depth: number): string {
  if (Array.isArray(value)) return `[${value.map((item) => write(random, item, options, depth + 1)).join(',')}]`
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const separator = options.pretty ? ',\n' + '  '.repeat(depth + 1) : ','
  const parts: string[] = []
  for (const [key, item] of Object.entries(value)) {
    const isField = KNOWN_FIELDS.has(key)
    // Only policy field names are matched case-insensitively; condition operators and keys are not.
    const name = isField && options.oddCase && random.chance(0.3) ? oddCase(random, key) : JSON.stringify(key)
    if (isField && options.duplicate && random.chance(0.15) && key in DECOYS) {
      parts.push(`${JSON.stringify(random.chance(0.5) ? key : key.toLowerCase())}:${JSON.stringify(DECOYS[key])}`)
    } else if (!isField && options.duplicate && random.chance(0.05)) {
      // Condition operators and keys are map keys: the last duplicate wins, and case matters.
      parts.push(`${JSON.stringify(random.chance(0.7) ? key : key.toLowerCase())}:${JSON.stringify(random.pick<Json>(['decoy', { 'aws:username': 'decoy' }, ['x']]))}`)
    }
    parts.push(`${name}:${write(random, item, options, depth + 1)}`)
  }
  if (options.unknown && random.chance(0.2)) parts.push(random.pick(['"Foo":1', '"Principal":"*"', '"NotPrincipal":{"AWS":"x"}', '"Comment":"x"']))
  return `{${parts.join(separator)}}`
}

// Go's decoder folds field names with Unicode simple folding, so `ſid` (long s) matches `Sid`; an
// escaped letter (`\u0045ffect`) is decoded before matching. Both are written as raw JSON here.
function oddCase(random: Random, key: string): string {
  return random.weighted([
    [30, () => JSON.stringify(key.toLowerCase())],
    [30, () => JSON.stringify(key.toUpperCase())],
    [20, () => JSON.stringify(key[0]?.toLowerCase() + key.slice(1))],
    [10, () => JSON.stringify(key.replace(/s/i, '\u017f'))],
    [10, () => `"\\u${(key.charCodeAt(0)).toString(16).padStart(4, '0')}${key.slice(1)}"`],
  ] as const)()
}

/**
 * Returns a document MinIO should reject (or, for a few, accept surprisingly): wrong types, invalid
 * values, broken JSON. Used so that "which documents are rejected" is part of the comparison.
 */
export function breakDocument(random: Random, document: Record<string, unknown>): Record<string, unknown> | string | null {
  const copy = structuredClone(document) as Record<string, Json>
  const statements = Array.isArray(copy.Statement) ? (copy.Statement as Array<Record<string, Json>>) : []
  const first = statements[0] ?? {}
  const breakers: Array<() => Record<string, unknown> | string | null> = [
    () => ({ ...copy, Version: random.pick(['2008-10-17', '2012-10-17 ', '', 5]) }),
    () => ({ ...copy, Statement: first }),
    () => (Object.assign(first, { Condition: random.pick<Json>([{}, null, { StringEquals: [] }]) }), copy),
    () => (Object.assign(first, { Action: random.pick<Json>([[], null, 5, true, [['s3:GetObject']], [null], [1.5], [1e21]]) }), copy),
    () => (Object.assign(first, { Resource: random.pick<Json>([[], null, ['*', '**'], 'arn:aws:s3::b', [5]]) }), copy),
    () => (Object.assign(first, { Sid: random.pick<Json>([5, ['a'], { a: 1 }]) }), copy),
    () => (Object.assign(first, { Effect: random.pick<Json>([null, 1, 'ALLOW']) }), copy),
    () => (Object.assign(first, { Action: ['s3:GetObject'], NotAction: ['s3:PutObject'] }), copy),
    () => (Object.assign(first, { Resource: ['*'], NotResource: ['arn:aws:s3:::x'] }), copy),
    () => (Object.assign(first, { Condition: { NumericEquals: { 'aws:EpochTime': random.pick<Json>([5.5, 1e2, '1e2', { a: 1 }]) } } }), copy),
    () => JSON.stringify(copy).slice(0, random.int(0, 40)),
    () => random.pick<Record<string, unknown> | string | null>([null, {}, '', ' ', 'null', '[]', '{"Statement":null}', '"text"', '{"Version":"2012-10-17","Statement":[]}']),
  ]
  return random.pick(breakers)()
}
