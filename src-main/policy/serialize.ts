/**
 * MinIO's re-serialisation of a parsed policy (json.Marshal of policy.Policy, compact): the stored
 * form whose size the server limits, and the statements it cannot store at all (§1.11).
 */
import { goJsonString } from './json/go-encode.ts'
import type { ParsedPolicy, ParsedStatement } from './model.ts'
import { isValidResource, type ParsedResource } from './resource.ts'

/** Why MinIO's MarshalJSON would fail for a statement, with the JSON path of the culprit. */
export interface StorageProblem {
  path: string
  message: string
}

function list(values: readonly string[]): string {
  return `[${values.join(',')}]`
}

function resources(set: readonly ParsedResource[]): string {
  return list(set.map((resource) => goJsonString(resource.text)))
}

function conditions(statement: ParsedStatement): string {
  const byOperator = new Map<string, string[]>()
  for (const condition of statement.conditions) {
    const entries = byOperator.get(condition.stored.operator) ?? []
    entries.push(`${goJsonString(condition.key.full)}:${list(condition.stored.values)}`)
    byOperator.set(condition.stored.operator, entries)
  }
  return `{${[...byOperator].map(([operator, entries]) => `${goJsonString(operator)}:{${entries.join(',')}}`).join(',')}}`
}

function statementJson(statement: ParsedStatement): string {
  const parts: string[] = []
  if (statement.sid !== '') parts.push(`"Sid":${goJsonString(statement.sid)}`)
  parts.push(`"Effect":${goJsonString(statement.effect)}`)
  parts.push(`"Action":${list(statement.actions.map(goJsonString))}`)
  if (statement.notActions.length > 0) parts.push(`"NotAction":${list(statement.notActions.map(goJsonString))}`)
  if (statement.resources.length > 0) parts.push(`"Resource":${resources(statement.resources)}`)
  if (statement.notResources.length > 0) parts.push(`"NotResource":${resources(statement.notResources)}`)
  if (statement.conditions.length > 0) parts.push(`"Condition":${conditions(statement)}`)
  return `{${parts.join(',')}}`
}

/** The compact JSON MinIO stores for a policy (map and set orders differ from Go's, sizes do not). */
export function marshalPolicy(policy: ParsedPolicy): string {
  const id = policy.id === '' ? '' : `"ID":${goJsonString(policy.id)},`
  const statements = policy.statements.length === 0 ? 'null' : list(policy.statements.map(statementJson))
  return `{${id}"Version":${goJsonString(policy.version)},"Statement":${statements}}`
}

/** Size in bytes of the stored form. */
export function marshalledSize(policy: ParsedPolicy): number {
  return new TextEncoder().encode(marshalPolicy(policy)).length
}

/** Statements MinIO v3.1.3 parses and evaluates but cannot re-serialise, so the server cannot store them. */
export function storageProblems(policy: ParsedPolicy): StorageProblem[] {
  const problems: StorageProblem[] = []
  for (const statement of policy.statements) {
    const base = `Statement[${statement.sourceIndex}]`
    if (statement.actions.length === 0) {
      problems.push({
        path: `${base}.NotAction`,
        message: 'NotAction cannot be stored by this server version: MinIO (minio/pkg v3.1.3) cannot re-serialise a statement without Action ("empty actions not allowed"). Rewrite it with an explicit Action list.',
      })
    }
    for (const [field, set] of [['Resource', statement.resources], ['NotResource', statement.notResources]] as const) {
      const invalid = set.find((resource) => !isValidResource(resource))
      if (invalid !== undefined) {
        problems.push({ path: `${base}.${field}`, message: `MinIO cannot store the resource '${invalid.text}' (invalid resource): fix or remove it.` })
      }
    }
  }
  return problems
}
