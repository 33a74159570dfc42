import { generateCase } from './generate-case.ts'
import { Random } from './seeded-random.ts'

const ALPHABET = '{}[]",:\\ \n\t0123456789-+.eE*?$/aAzZ_tfnul\u00e9\u0000\u007f'
const TOKENS = [
  '{', '}', '[', ']', '"', ',', ':', 'null', 'true', '1e999', '-0', '9223372036854775808', '"\\ud800"', '"\\u0000"',
  '"Statement"', '"Action"', '"Condition"', '"StringLike"', '"${aws:username}"', '"*"', '"Effect"', '"Allow"',
  '\uFEFF', '\\', '"\\"', '{"":{}}',
]

/**
 * Yields `count` mutated policy texts for `seed`: generated documents with random byte-level edits
 * (deletions, insertions, duplicated or swapped spans, truncation), plus a few adversarial shapes
 * (deep nesting, huge strings, pathological wildcards). Deterministic per seed; pure.
 */
export function* fuzzDocuments(seed: number, count: number): Generator<string> {
  const random = new Random(seed)
  for (let index = 0; index < count; index++) {
    if (random.chance(0.004)) {
      yield adversarial(random)
      continue
    }
    const policies = generateCase(random, `fuzz-${index}`).policies
    const source = policies[0]
    // A case may have no policies at all; fuzz an empty document then.
    let text = typeof source === 'string' ? source : JSON.stringify(source ?? {})
    const edits = random.weighted([[30, 0], [40, 1], [20, 2], [10, 6]] as const)
    for (let edit = 0; edit < edits; edit++) text = mutate(random, text)
    yield text
  }
}

function mutate(random: Random, text: string): string {
  const at = random.int(0, text.length)
  const span = random.int(1, 12)
  switch (random.int(0, 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + span)
    case 1:
      return text.slice(0, at) + random.pick([...ALPHABET]) + text.slice(at)
    case 2:
      return text.slice(0, at) + random.pick(TOKENS) + text.slice(at)
    case 3:
      return text.slice(0, at) + text.slice(at, at + span).repeat(random.int(2, 4)) + text.slice(at)
    case 4:
      return text.slice(0, at)
    default: {
      const other = random.int(0, text.length)
      const [first, second] = at < other ? [at, other] : [other, at]
      return text.slice(0, first) + text.slice(second, second + span) + text.slice(first + span, second) + text.slice(first, first + span) + text.slice(second + span)
    }
  }
}

function adversarial(random: Random): string {
  const statement = (resource: string, extra = ''): string =>
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":${JSON.stringify(resource)}${extra}}]}`
  switch (random.int(0, 5)) {
    case 0:
      return '['.repeat(random.int(1_000, 12_000))
    case 1:
      return `{"Statement":[${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}]}`
    case 2:
      return statement(`arn:aws:s3:::${'a*'.repeat(random.int(10, 40))}b`)
    case 3:
      return statement(`arn:aws:s3:::${'x'.repeat(random.int(10_000, 30_000))}`)
    case 4:
      return statement('*', `,"Condition":{"StringLike":{"aws:UserAgent":"${'*a'.repeat(50)}?"}}`)
    default:
      return `{"Statement":[${Array.from({ length: random.int(200, 800) }, () => '{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}').join(',')}]}`
  }
}
