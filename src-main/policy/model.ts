/**
 * The engine's internal form of a decoded policy: what MinIO's `policy.Policy` holds after
 * json.Unmarshal (sets as sorted unique arrays, resources parsed, condition functions built).
 */
import type { StatementKind } from './action.ts'
import type { ConditionFunction } from './conditions/types.ts'
import type { ParsedResource } from './resource.ts'

export interface ParsedStatement {
  sid: string
  effect: string
  actions: string[]
  notActions: string[]
  resources: ParsedResource[]
  notResources: ParsedResource[]
  conditions: ConditionFunction[]
  kind: StatementKind
  /** Index of the statement in its document's Statement array (before duplicate removal). */
  sourceIndex: number
}

export interface ParsedPolicy {
  id: string
  version: string
  statements: ParsedStatement[]
}

/** A decode failure: MinIO's message and the JSON path of the value that caused it. */
export interface DecodeFailure {
  message: string
  path: string
}

/** Statement.Equals (Sid ignored): used to drop duplicate statements (§1.8). */
export function statementSignature(statement: ParsedStatement): string {
  let signature = signatures.get(statement)
  if (signature === undefined) {
    signature = computeSignature(statement)
    signatures.set(statement, signature)
  }
  return signature
}

const signatures = new WeakMap<ParsedStatement, string>()

function computeSignature(statement: ParsedStatement): string {
  const conditions = statement.conditions.map((condition) => condition.signature).sort()
  return JSON.stringify([
    statement.effect,
    statement.actions,
    statement.notActions,
    statement.resources.map((resource) => resource.text),
    statement.notResources.map((resource) => resource.text),
    conditions,
  ])
}

/** dropDuplicateStatements: keeps the first of each group of equal statements. */
export function dropDuplicateStatements(statements: ParsedStatement[]): ParsedStatement[] {
  const seen = new Set<string>()
  const kept: ParsedStatement[] = []
  for (const statement of statements) {
    const signature = statementSignature(statement)
    if (seen.has(signature)) continue
    seen.add(signature)
    kept.push(statement)
  }
  return kept
}
