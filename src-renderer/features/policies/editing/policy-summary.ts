/**
 * A readable summary of each statement of a policy text (effect, actions, resources and conditions
 * in words), for the editor's side panel. Undefined when the text is not JSON with a Statement, so
 * the caller can keep showing the last summary it had, marked stale.
 */

export interface StatementSummary {
  title: string
  effect: string
  actions: string
  resources: string
  conditions: string[]
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

// Go matches JSON field names case-insensitively, so MinIO reads "action" as Action.
function field(statement: Record<string, Json>, name: string): Json | undefined {
  const key = Object.keys(statement).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : statement[key]
}

function list(value: Json | undefined): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function action(name: string): string {
  if (name === '*') return 'every action'
  const [family, rest] = name.split(':', 2)
  if (rest === '*') return `every ${family === 's3' ? 'S3' : family === 'kms' ? 'KMS' : family} action`
  return name
}

function resource(name: string): string {
  if (name === '*' || name === 'arn:aws:s3:::*') return 'every bucket and object'
  if (name === 'arn:minio:kms:::*') return 'every KMS key'
  if (name.startsWith('arn:minio:kms:::')) return `KMS key ${name.slice(16)}`
  if (!name.startsWith('arn:aws:s3:::')) return name
  const pattern = name.slice(13)
  const slash = pattern.indexOf('/')
  if (slash < 0) return `bucket ${pattern}`
  const bucket = pattern.slice(0, slash)
  const objects = pattern.slice(slash + 1)
  if (objects === '*') return `every object in ${bucket}`
  if (objects.endsWith('*') && !objects.slice(0, -1).includes('*')) return `objects under ${bucket}/${objects.slice(0, -1)}`
  return `objects ${pattern}`
}

function joined(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

const OPERATOR_WORDS: Array<[RegExp, string]> = [
  [/^StringNotEquals(IgnoreCase)?$/, 'is not'], [/^StringEquals(IgnoreCase)?$/, 'is'], [/^StringNotLike$/, 'does not match'], [/^StringLike$/, 'matches'],
  [/^NotIpAddress$/, 'is not in'], [/^IpAddress$/, 'is in'], [/^Bool$/, 'is'], [/^Null$/, 'is absent:'],
  [/^NumericEquals$/, '='], [/^NumericNotEquals$/, '≠'], [/^NumericLessThan$/, '<'], [/^NumericLessThanEquals$/, '≤'], [/^NumericGreaterThan$/, '>'], [/^NumericGreaterThanEquals$/, '≥'],
  [/^DateEquals$/, 'is on'], [/^DateNotEquals$/, 'is not on'], [/^DateLessThan(Equals)?$/, 'is before'], [/^DateGreaterThan(Equals)?$/, 'is after'],
  [/^BinaryEquals$/, 'is (base64)'],
]

function condition(operator: string, key: string, values: string[]): string {
  const qualifier = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1]
  const bare = operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '')
  const words = OPERATOR_WORDS.find(([pattern]) => pattern.test(bare))?.[1] ?? bare
  const scope = qualifier === 'ForAnyValue' ? 'any value of ' : qualifier === 'ForAllValues' ? 'every value of ' : ''
  const ifExists = operator.endsWith('IfExists') ? ' (if present)' : ''
  return `${scope}${key} ${words} ${values.length > 1 ? `one of ${values.join(', ')}` : (values[0] ?? '(nothing)')}${ifExists}`
}

function summarize(statement: Record<string, Json>, index: number): StatementSummary {
  const sid = field(statement, 'Sid')
  const effect = field(statement, 'Effect')
  const actions = list(field(statement, 'Action')).map(action)
  const notActions = list(field(statement, 'NotAction')).map(action)
  const resources = list(field(statement, 'Resource')).map(resource)
  const notResources = list(field(statement, 'NotResource')).map(resource)
  const conditions = field(statement, 'Condition')
  return {
    title: `Statement ${index + 1}${typeof sid === 'string' && sid ? ` “${sid}”` : ''}`,
    effect: effect === 'Allow' ? 'Allows' : effect === 'Deny' ? 'Denies' : `Effect ${JSON.stringify(effect ?? null)} (MinIO accepts only Allow or Deny)`,
    actions: notActions.length > 0 ? `every action except ${joined(notActions)}` : actions.length > 0 ? joined(actions) : 'no action',
    resources: notResources.length > 0 ? `every resource except ${joined(notResources)}` : resources.length > 0 ? joined(resources) : 'no resource (admin and KMS actions need none)',
    conditions: isObject(conditions)
      ? Object.entries(conditions).flatMap(([operator, keys]) => (isObject(keys) ? Object.entries(keys).map(([key, values]) => condition(operator, key, list(values))) : []))
      : [],
  }
}

/** The summary of every statement, or undefined when the text is not a JSON object with a Statement. */
export function summarizePolicy(text: string): StatementSummary[] | undefined {
  let document: Json
  try {
    document = JSON.parse(text) as Json
  } catch {
    return undefined
  }
  if (!isObject(document)) return undefined
  const statements = field(document, 'Statement')
  if (statements === undefined) return undefined
  return (Array.isArray(statements) ? statements : [statements]).flatMap((statement, index) => (isObject(statement) ? [summarize(statement, index)] : []))
}
