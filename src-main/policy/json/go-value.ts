/**
 * How Go sees a decoded JSON value: `fmt.Sprintf("%v", v)` of an interface{} value (minio-go's
 * string set formats Action/Resource elements this way, §1.4), the JSON kind names Go uses in
 * type-mismatch errors, and the plain JS value of a node.
 */
import type { JsonValue } from '../types.ts'
import type { JsonNode } from './go-json.ts'

/** Go's name for the JSON kind in "cannot unmarshal X into ..." errors. */
export function goKind(node: JsonNode): string {
  return node.kind === 'bool' ? 'bool' : node.kind === 'null' ? 'null' : node.kind
}

/** Go `%v` of float64 (strconv 'g', shortest): exponent form when the exponent is < -4 or >= 6. */
export function formatGoFloat(value: number): string {
  if (Object.is(value, -0)) return '-0'
  if (value === 0) return '0'
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+'
    const digits = String(Math.abs(exponent)).padStart(2, '0')
    return `${mantissa}e${sign}${digits}`
  }
  return String(value)
}

/**
 * Folds a JSON tree bottom-up with an explicit stack (Go accepts 10000 nesting levels; JS recursion
 * that deep would overflow the call stack).
 */
export function foldNode<R>(root: JsonNode, leaf: (node: JsonNode) => R, combine: (node: JsonNode, children: R[]) => R): R {
  const childrenOf = (node: JsonNode): JsonNode[] => (node.kind === 'array' ? node.items : node.kind === 'object' ? node.members.map((member) => member.value) : [])
  if (root.kind !== 'array' && root.kind !== 'object') return leaf(root)
  const stack: Array<{ node: JsonNode; children: JsonNode[]; results: R[] }> = [{ node: root, children: childrenOf(root), results: [] }]
  for (;;) {
    const top = stack[stack.length - 1] as (typeof stack)[number]
    const child = top.children[top.results.length]
    if (child === undefined) {
      stack.pop()
      const value = combine(top.node, top.results)
      const parent = stack[stack.length - 1]
      if (parent === undefined) return value
      parent.results.push(value)
    } else if (child.kind === 'array' || child.kind === 'object') {
      stack.push({ node: child, children: childrenOf(child), results: [] })
    } else {
      top.results.push(leaf(child))
    }
  }
}

function formatLeaf(node: JsonNode): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.value
    case 'bool':
      return node.value ? 'true' : 'false'
    case 'number': {
      const value = Number(node.raw)
      return Number.isFinite(value) ? formatGoFloat(value) : undefined
    }
    default:
      return '<nil>'
  }
}

function formatContainer(node: JsonNode, parts: Array<string | undefined>): string | undefined {
  if (parts.some((part) => part === undefined)) return undefined
  if (node.kind === 'array') return `[${parts.join(' ')}]`
  if (node.kind !== 'object') return undefined
  const entries = new Map<string, string>()
  node.members.forEach((member, index) => entries.set(member.key, parts[index] as string))
  const keys = [...entries.keys()].sort(compareBytes)
  return `map[${keys.map((key) => `${key}:${entries.get(key)}`).join(' ')}]`
}

/** Go `fmt.Sprintf("%v", v)` for a JSON value decoded into interface{}; undefined if Go's decode fails. */
export function formatGoValue(node: JsonNode): string | undefined {
  return foldNode(node, formatLeaf, formatContainer)
}

const SURROGATE = /[\ud800-\udfff]/

/** Go string ordering (bytewise on UTF-8, i.e. code point order; UTF-16 order differs only around surrogates). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1
  const ea = new TextEncoder().encode(a)
  const eb = new TextEncoder().encode(b)
  const length = Math.min(ea.length, eb.length)
  for (let index = 0; index < length; index++) {
    if (ea[index] !== eb[index]) return (ea[index] as number) - (eb[index] as number)
  }
  return ea.length - eb.length
}

function jsLeaf(node: JsonNode): JsonValue {
  if (node.kind === 'string' || node.kind === 'bool') return node.value
  return node.kind === 'number' ? Number(node.raw) : null
}

function jsContainer(node: JsonNode, children: JsonValue[]): JsonValue {
  if (node.kind === 'array') return children
  const out: { [key: string]: JsonValue } = {}
  if (node.kind === 'object') {
    node.members.forEach((member, index) => {
      const value = children[index] as JsonValue
      // A JSON key named __proto__ must become an own property, not the prototype.
      if (member.key === '__proto__') Object.defineProperty(out, member.key, { value, enumerable: true, writable: true, configurable: true })
      else out[member.key] = value
    })
  }
  return out
}

/** The plain JS value of a node (last duplicate key wins, like Go maps and JSON.parse). */
export function toJsValue(node: JsonNode): JsonValue {
  return foldNode<JsonValue>(node, jsLeaf, jsContainer)
}
