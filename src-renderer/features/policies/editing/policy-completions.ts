import type { PolicyCatalogueView } from '../../../../src-main/api/policies.contract.ts'
import { scanJson, type Segment, type WrittenString } from './json-context.ts'

/** One thing the editor can offer at the cursor. */
export interface PolicyOption {
  label: string
  detail?: string
  type: 'keyword' | 'property' | 'function' | 'variable' | 'constant' | 'text'
}

export interface PolicyCompletion {
  /** Where the replaced text starts. */
  from: number
  /** Whether the options must be written with their quotes (the cursor is not inside a string). */
  quote: boolean
  options: PolicyOption[]
}

const ROOT_KEYS = ['Version', 'Statement', 'Id']
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']

/** The statement a path lies in: its own path and the rest, for `Statement[i]…` or a single `Statement` object. */
function splitStatement(path: Segment[]): { statement: Segment[]; rest: Segment[] } | undefined {
  if (path[0] !== 'Statement') return undefined
  const length = typeof path[1] === 'number' ? 2 : 1
  if (path.length < length) return undefined
  return { statement: path.slice(0, length), rest: path.slice(length) }
}

function samePath(left: Segment[], right: Segment[]): boolean {
  return left.length === right.length && left.every((segment, index) => segment === right[index])
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
}

/** Condition keys valid for the actions a statement names (every key when it names none yet). */
export function keysForActions(catalogue: PolicyCatalogueView, actions: string[]): string[] {
  const named = actions.length === 0 ? catalogue.actions.filter((action) => action.family === 's3') : catalogue.actions.filter((action) => actions.some((pattern) => wildcard(pattern).test(action.name)))
  const keys = new Set<string>()
  for (const action of named) {
    catalogue.baseKeys[action.family].forEach((key) => keys.add(key))
    action.extraKeys.forEach((key) => keys.add(key))
  }
  return [...keys].sort()
}

function statementActions(strings: WrittenString[], statement: Segment[]): string[] {
  return strings.filter(({ path }) => samePath(path.slice(0, statement.length), statement) && path[statement.length] === 'Action').map(({ value }) => value)
}

function resources(buckets: readonly string[], actions: string[]): PolicyOption[] {
  const options: PolicyOption[] = [{ label: 'arn:aws:s3:::*', detail: 'every bucket and object', type: 'constant' }]
  for (const bucket of buckets) {
    options.push({ label: `arn:aws:s3:::${bucket}`, detail: 'the bucket (listing, bucket settings)', type: 'constant' })
    options.push({ label: `arn:aws:s3:::${bucket}/*`, detail: 'every object in the bucket', type: 'constant' })
    options.push({ label: `arn:aws:s3:::${bucket}/\${aws:username}/*`, detail: "objects under the user's own prefix", type: 'constant' })
  }
  if (buckets.length === 0) options.push({ label: 'arn:aws:s3:::BUCKET/*', detail: 'objects of a bucket (replace BUCKET)', type: 'constant' })
  if (actions.some((action) => action.startsWith('kms:'))) options.push({ label: 'arn:minio:kms:::*', detail: 'every KMS key', type: 'constant' })
  return options
}

/**
 * What to offer at `cursor` in a policy text: actions (with their descriptions), resource ARNs
 * (with the connection's bucket names), Effect values, statement and root keys, condition
 * operators, the condition keys valid for the statement's actions, and `${…}` policy variables.
 * Undefined when nothing fits.
 */
export function policyCompletions(text: string, cursor: number, catalogue: PolicyCatalogueView, buckets: readonly string[] = []): PolicyCompletion | undefined {
  const { strings, context } = scanJson(text, cursor)
  if (!context) return undefined
  const { role, path, inString, typed, from } = context
  const quote = !inString
  const variableAt = typed.lastIndexOf('${')
  if (role === 'value' && inString && variableAt >= 0 && !typed.slice(variableAt).includes('}')) {
    return { from: from + variableAt, quote: false, options: catalogue.variables.map((key) => ({ label: `\${${key}}`, detail: 'policy variable', type: 'variable' })) }
  }
  if (role === 'key' && path.length === 0) return { from, quote, options: ROOT_KEYS.map((label) => ({ label, type: 'property' })) }
  if (role === 'value' && samePath(path, ['Version'])) return { from, quote, options: [{ label: '2012-10-17', detail: 'the policy language version', type: 'constant' }] }
  const split = splitStatement(path)
  if (!split) return undefined
  const { statement, rest } = split
  const actions = statementActions(strings, statement)
  if (role === 'key') {
    if (rest.length === 0) return { from, quote, options: STATEMENT_KEYS.map((label) => ({ label, type: 'property' })) }
    if (rest.length === 1 && rest[0] === 'Condition') {
      const qualified = catalogue.qualifiers.flatMap((qualifier) => catalogue.operators.map((operator) => `${qualifier}:${operator}`))
      return { from, quote, options: [...catalogue.operators.map((label) => ({ label, detail: 'condition operator', type: 'function' as const })), ...qualified.map((label) => ({ label, detail: 'for multi-valued keys', type: 'function' as const }))] }
    }
    if (rest.length === 2 && rest[0] === 'Condition') return { from, quote, options: keysForActions(catalogue, actions).map((label) => ({ label, detail: 'condition key', type: 'property' })) }
    return undefined
  }
  const field = rest[0]
  if (field === 'Effect') return { from, quote, options: [{ label: 'Allow', type: 'keyword' }, { label: 'Deny', type: 'keyword' }] }
  if (field === 'Action' || field === 'NotAction') {
    return { from, quote, options: catalogue.actions.map((action) => ({ label: action.name, detail: action.description, type: 'function' })) }
  }
  if (field === 'Resource' || field === 'NotResource') return { from, quote, options: resources(buckets, actions) }
  return undefined
}
