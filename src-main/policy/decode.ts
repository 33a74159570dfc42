/**
 * Go-faithful decoding of a policy document (MinIO's Policy.UnmarshalJSON → plain struct decode):
 * field names matched case-insensitively, later duplicates overwrite, unknown fields ignored, JSON
 * null leaves a string field unchanged, a repeated "Statement" array decodes INTO the statements
 * already there (Go reuses slice elements), wrong JSON types are remembered and reported at the end
 * unless a custom unmarshaler aborts first (§1.2). Duplicate statements are dropped afterwards.
 */
import { classifyStatement } from './action.ts'
import { decodeActionSet, decodeConditions, decodeResourceSet } from './decode-sets.ts'
import type { JsonMember, JsonNode } from './json/go-json.ts'
import { goKind } from './json/go-value.ts'
import { activeSemantics } from './semantics.ts'
import { dropDuplicateStatements, type DecodeFailure, type ParsedPolicy, type ParsedStatement } from './model.ts'

/** Go's case-insensitive field-name fold (ASCII upper-casing; ſ and the Kelvin sign fold to S and K). */
export function foldFieldName(name: string): string {
  return name.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/\u017f/g, 'S').replace(/\u212a/g, 'K')
}

/** The canonical field a JSON key decodes into, or undefined for an unknown (ignored) key. */
export function matchField(key: string, fields: readonly string[]): string | undefined {
  if (fields.includes(key)) return key
  const folded = foldFieldName(key)
  return fields.find((field) => foldFieldName(field) === folded)
}

export const POLICY_FIELDS = ['ID', 'Version', 'Statement'] as const
export const STATEMENT_FIELDS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const
// minio/pkg before v3.0.28: Statement has no NotResource field, so encoding/json ignores the key.
const FIELDS_BEFORE_NOT_RESOURCE = STATEMENT_FIELDS.filter((field) => field !== 'NotResource')

type StatementState = Omit<ParsedStatement, 'kind' | 'sourceIndex'>

function emptyStatement(): StatementState {
  return { sid: '', effect: '', actions: [], notActions: [], resources: [], notResources: [], conditions: [] }
}

/** Go addErrorContext: innermost struct type name + the JSON field names from the root, indices dropped. */
function goFieldContext(path: string): string {
  const fields = path.replace(/\[[0-9]+\]/g, '').split('.')
  return `${fields.length > 1 ? 'Statement' : 'subPolicy'}.${fields.join('.')}`
}

/** An abort error that is a Go UnmarshalTypeError gets the outer decoder's context too. */
function withContext(message: string, path: string): string {
  return message.replace(/^(json: cannot unmarshal \S+(?: \S+)? into Go) value of type /, `$1 struct field ${goFieldContext(path)} of type `)
}

class Decoder {
  constructor(readonly source: string) {}

  typeError: DecodeFailure | undefined

  /** Go's UnmarshalTypeError with the decoder's error context: `<Struct>.<field stack>` (no indices). */
  saveTypeError(node: JsonNode, path: string, goType: string): void {
    this.typeError ??= { message: `json: cannot unmarshal ${goKind(node)} into Go struct field ${goFieldContext(path)} of type ${goType}`, path }
  }

  /** Decodes a string field: null keeps the old value, other kinds are type errors. */
  stringField(node: JsonNode, current: string, path: string, goType: string): string {
    if (node.kind === 'string') return node.value
    if (node.kind !== 'null') this.saveTypeError(node, path, goType)
    return current
  }

  statementMember(state: StatementState, member: JsonMember, path: string): DecodeFailure | undefined {
    const field = matchField(member.key, activeSemantics().notResource ? STATEMENT_FIELDS : FIELDS_BEFORE_NOT_RESOURCE)
    const at = `${path}.${field}`
    const node = member.value
    if (field === 'Sid') state.sid = this.stringField(node, state.sid, at, 'policy.ID')
    else if (field === 'Effect') state.effect = this.stringField(node, state.effect, at, 'policy.Effect')
    else if (field === 'Action' || field === 'NotAction') {
      const set = decodeActionSet(node)
      if ('error' in set) return { message: set.error, path: at }
      if (field === 'Action') state.actions = set.value
      else state.notActions = set.value
    } else if (field === 'Resource' || field === 'NotResource') {
      const set = decodeResourceSet(node)
      if ('error' in set) return { message: set.error, path: at }
      if (field === 'Resource') state.resources = set.value
      else state.notResources = set.value
    } else if (field === 'Condition') {
      const functions = decodeConditions(node, this.source)
      if ('error' in functions) return { message: withContext(functions.error, at), path: at }
      state.conditions = functions.value
    }
    return undefined
  }

  statement(state: StatementState, node: JsonNode, path: string): DecodeFailure | undefined {
    if (node.kind === 'null') return undefined
    if (node.kind !== 'object') {
      this.saveTypeError(node, 'Statement', 'policy.Statement')
      return undefined
    }
    for (const member of node.members) {
      const failure = this.statementMember(state, member, path)
      if (failure !== undefined) return failure
    }
    return undefined
  }

  /** Decodes a Statement array into `backing` (reusing elements, as Go's slice decode does); returns the new length. */
  statements(backing: StatementState[], node: JsonNode): number | DecodeFailure {
    if (node.kind === 'null') {
      backing.length = 0
      return 0
    }
    if (node.kind !== 'array') {
      this.saveTypeError(node, 'Statement', '[]policy.Statement')
      return -1
    }
    node.items.forEach((_, index) => (backing[index] ??= emptyStatement()))
    for (let index = 0; index < node.items.length; index++) {
      const failure = this.statement(backing[index] as StatementState, node.items[index] as JsonNode, `Statement[${index}]`)
      if (failure !== undefined) return failure
    }
    return node.items.length
  }
}

function finish(states: StatementState[]): ParsedStatement[] {
  return states.map((state, sourceIndex) => ({ ...state, kind: classifyStatement(state.actions), sourceIndex }))
}

/**
 * Decodes the first JSON value of a policy like MinIO's Policy.UnmarshalJSON: returns the policy
 * (duplicates dropped) or the first failure. Never throws.
 */
export function decodePolicy(node: JsonNode, source: string): { policy: ParsedPolicy } | { failure: DecodeFailure } {
  if (node.kind === 'null') return { policy: { id: '', version: '', statements: [] } }
  if (node.kind !== 'object') {
    return { failure: { message: `json: cannot unmarshal ${goKind(node)} into Go value of type policy.subPolicy`, path: '' } }
  }
  const decoder = new Decoder(source)
  let id = ''
  let version = ''
  const backing: StatementState[] = []
  let length = 0
  for (const member of node.members) {
    const field = matchField(member.key, POLICY_FIELDS)
    if (field === 'ID') id = decoder.stringField(member.value, id, 'ID', 'policy.ID')
    else if (field === 'Version') version = decoder.stringField(member.value, version, 'Version', 'string')
    else if (field === 'Statement') {
      const result = decoder.statements(backing, member.value)
      if (typeof result !== 'number') return { failure: result }
      if (result >= 0) length = result
    }
  }
  if (decoder.typeError !== undefined) return { failure: decoder.typeError }
  return { policy: { id, version, statements: dropDuplicateStatements(finish(backing.slice(0, length))) } }
}
