import type { PolicyDocument } from '../minio/index.ts'
import { sortKeys } from '../shared/stable-json.ts'

// MinIO re-serialises policies: Action, Resource and their Not forms come back as arrays in Go map
// order (random), so the same policy reads differently on each call (§1.6).
const SET_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource'])

/**
 * A policy document in a stable form: object keys sorted, the set-valued statement fields sorted
 * (a single string becomes a one-item array, as MinIO returns it), condition value lists sorted.
 * Two documents MinIO treats as the same policy compare equal after this.
 */
export function canonicalPolicy(document: PolicyDocument): PolicyDocument {
  return normalise(document, false)
}

// `isLoose` also turns condition scalars into one-item string lists, for comparison only: MinIO
// accepts `true` and `["true"]` alike, but the exported document keeps the server's types.
function normalise(document: PolicyDocument, isLoose: boolean): PolicyDocument {
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement === undefined ? undefined : [document.Statement]
  const normalised: Record<string, unknown> = { ...document, ...(statements ? { Statement: statements.map((statement) => canonicalStatement(statement, isLoose)) } : {}) }
  return sortKeys(normalised) as PolicyDocument
}

function canonicalStatement(statement: unknown, isLoose: boolean): unknown {
  if (typeof statement !== 'object' || statement === null) return statement
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(statement)) {
    if (SET_KEYS.has(key)) out[key] = [...(Array.isArray(value) ? value : [value])].map(String).sort()
    else if (key === 'Condition') out[key] = canonicalCondition(value, isLoose)
    else out[key] = value
  }
  return out
}

function canonicalCondition(condition: unknown, isLoose: boolean): unknown {
  if (typeof condition !== 'object' || condition === null) return condition
  const out: Record<string, unknown> = {}
  for (const [operator, keys] of Object.entries(condition)) {
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(value)) values[key] = [...value].sort((left, right) => (String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0))
      else values[key] = isLoose ? [value] : value
      if (isLoose) values[key] = (values[key] as unknown[]).map(String)
    }
    out[operator] = values
  }
  return out
}

/** True when two documents are the same policy up to MinIO's re-serialisation. */
export function samePolicy(left: PolicyDocument, right: PolicyDocument): boolean {
  return JSON.stringify(normalise(left, true)) === JSON.stringify(normalise(right, true))
}
