/**
 * Decoding of the set-valued statement fields the way MinIO's UnmarshalJSON methods do it:
 * Action/NotAction and Resource/NotResource through minio-go's string set (`%v` of each element),
 * Condition through `map[string]map[string]ValueSet` (§1.4, §1.7). A returned `error` aborts the
 * whole decode (custom unmarshaler errors do in Go).
 */
import { CONDITION_BUILDERS, parseOperatorName } from './conditions/registry.ts'
import { parseConditionKey } from './conditions/keys.ts'
import type { ConditionFunction, ConditionValue } from './conditions/types.ts'
import { valueText } from './conditions/types.ts'
import type { JsonNode } from './json/go-json.ts'
import { compareBytes, formatGoValue, goKind } from './json/go-value.ts'
import { parseResource, type ParsedResource } from './resource.ts'

type Decoded<T> = { value: T } | { error: string }

/** minio-go StringSet.UnmarshalJSON: array elements (or one scalar) formatted with `%v`; null → empty. */
export function decodeStringSet(node: JsonNode): Decoded<string[]> {
  if (node.kind === 'null') return { value: [] }
  const items = node.kind === 'array' ? node.items : [node]
  const set = new Set<string>()
  for (const item of items) {
    const text = formatGoValue(item)
    if (text === undefined) return { error: `strconv.ParseFloat: parsing ${JSON.stringify(firstBadNumber(item))}: value out of range` }
    set.add(text)
  }
  // minio-go's ToSlice sorts (bytewise), which decides which bad resource is reported first.
  return { value: [...set].sort(compareBytes) }
}

function firstBadNumber(node: JsonNode): string {
  if (node.kind === 'number') return node.raw
  const children = node.kind === 'array' ? node.items : node.kind === 'object' ? node.members.map((member) => member.value) : []
  for (const child of children) if (formatGoValue(child) === undefined) return firstBadNumber(child)
  return ''
}

/** ActionSet.UnmarshalJSON: an empty result is an error. */
export function decodeActionSet(node: JsonNode): Decoded<string[]> {
  const set = decodeStringSet(node)
  if ('error' in set) return set
  return set.value.length === 0 ? { error: 'empty actions not allowed' } : set
}

/** ResourceSet.UnmarshalJSON: each string (in sorted order) parsed; two spellings of one resource clash. */
export function decodeResourceSet(node: JsonNode): Decoded<ParsedResource[]> {
  const set = decodeStringSet(node)
  if ('error' in set) return set
  const resources = new Map<string, ParsedResource>()
  for (const text of set.value) {
    const resource = parseResource(text)
    if ('error' in resource) return resource
    if (resources.has(resource.text)) return { error: `duplicate resource '${text}' found` }
    resources.set(resource.text, resource)
  }
  return { value: [...resources.values()] }
}

/** condition.Value.UnmarshalJSON: bool (null → false), then int64, then string. */
function decodeValue(node: JsonNode): ConditionValue | undefined {
  if (node.kind === 'bool') return { kind: 'bool', bool: node.value }
  if (node.kind === 'null') return { kind: 'bool', bool: false }
  if (node.kind === 'string') return { kind: 'string', text: node.value }
  if (node.kind === 'number' && /^-?[0-9]+$/.test(node.raw)) {
    const value = BigInt(node.raw)
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return { kind: 'int', int: value }
  }
  return undefined
}

function valueKey(value: ConditionValue): string {
  return value.kind === 'bool' ? `b${value.bool}` : value.kind === 'int' ? `i${value.int}` : `s${value.text}`
}

/** ValueSet.UnmarshalJSON: one value, or a non-empty array of distinct values. */
export function decodeValueSet(node: JsonNode, source: string): Decoded<ConditionValue[]> {
  const single = decodeValue(node)
  if (single !== undefined) return { value: [single] }
  if (node.kind !== 'array') return { error: `json: cannot unmarshal ${goKind(node)} into Go value of type []condition.Value` }
  const values = new Map<string, ConditionValue>()
  for (const item of node.items) {
    const value = decodeValue(item)
    // Go prints the element's raw bytes with %v: `[49 46 53]`.
    if (value === undefined) return { error: `unknown json data '[${[...new TextEncoder().encode(source.slice(item.start, item.end))].join(' ')}]'` }
    const key = valueKey(value)
    if (values.has(key)) return { error: `duplicate value found '${valueText(value)}'` }
    values.set(key, value)
  }
  return values.size === 0 ? { error: 'invalid value' } : { value: [...values.values()] }
}

/** Functions.UnmarshalJSON. Value errors abort in document order; type errors surface after the scan. */
export function decodeConditions(node: JsonNode, source: string): Decoded<ConditionFunction[]> {
  if (node.kind === 'null') return { error: 'condition must not be empty' }
  if (node.kind !== 'object') return { error: `json: cannot unmarshal ${goKind(node)} into Go value of type map[string]map[string]condition.ValueSet` }
  const operators = new Map<string, Map<string, ConditionValue[]>>()
  let typeError: string | undefined
  for (const member of node.members) {
    const inner = new Map<string, ConditionValue[]>()
    operators.set(member.key, inner)
    if (member.value.kind === 'null') continue
    if (member.value.kind !== 'object') {
      typeError ??= `json: cannot unmarshal ${goKind(member.value)} into Go value of type map[string]condition.ValueSet`
      continue
    }
    for (const entry of member.value.members) {
      const values = decodeValueSet(entry.value, source)
      if ('error' in values) return values
      inner.set(entry.key, values.value)
    }
  }
  if (typeError !== undefined) return { error: typeError }
  if (operators.size === 0) return { error: 'condition must not be empty' }
  return buildFunctions(operators)
}

function buildFunctions(operators: Map<string, Map<string, ConditionValue[]>>): Decoded<ConditionFunction[]> {
  const functions: ConditionFunction[] = []
  for (const [operatorText, entries] of operators) {
    const operator = parseOperatorName(operatorText)
    if ('error' in operator) return operator
    for (const [keyText, values] of entries) {
      const key = parseConditionKey(keyText)
      if ('error' in key) return key
      const built = (CONDITION_BUILDERS[operator.name] as (typeof CONDITION_BUILDERS)[string])(key, values, operator.qualifier)
      if ('error' in built) return built
      functions.push(built)
    }
  }
  return { value: functions }
}
