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

/** Go `fmt.Sprintf("%v", v)` for a JSON value decoded into interface{}; undefined if Go's decode fails. */
export function formatGoValue(node: JsonNode): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.value
    case 'bool':
      return node.value ? 'true' : 'false'
    case 'null':
      return '<nil>'
    case 'number': {
      const value = Number(node.raw)
      return Number.isFinite(value) ? formatGoFloat(value) : undefined
    }
    case 'array': {
      const parts: string[] = []
      for (const item of node.items) {
        const text = formatGoValue(item)
        if (text === undefined) return undefined
        parts.push(text)
      }
      return `[${parts.join(' ')}]`
    }
    case 'object': {
      const entries = new Map<string, string>()
      for (const member of node.members) {
        const text = formatGoValue(member.value)
        if (text === undefined) return undefined
        entries.set(member.key, text)
      }
      const keys = [...entries.keys()].sort(compareBytes)
      return `map[${keys.map((key) => `${key}:${entries.get(key)}`).join(' ')}]`
    }
  }
}

/** Go string ordering (bytewise on UTF-8; equal to UTF-16 order except around surrogates). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0
  const ea = new TextEncoder().encode(a)
  const eb = new TextEncoder().encode(b)
  const length = Math.min(ea.length, eb.length)
  for (let index = 0; index < length; index++) {
    if (ea[index] !== eb[index]) return (ea[index] as number) - (eb[index] as number)
  }
  return ea.length - eb.length
}

/** The plain JS value of a node (last duplicate key wins, like Go maps and JSON.parse). */
export function toJsValue(node: JsonNode): JsonValue {
  switch (node.kind) {
    case 'string':
      return node.value
    case 'bool':
      return node.value
    case 'null':
      return null
    case 'number':
      return Number(node.raw)
    case 'array':
      return node.items.map(toJsValue)
    case 'object': {
      const out: { [key: string]: JsonValue } = {}
      for (const member of node.members) {
        Object.defineProperty(out, member.key, { value: toJsValue(member.value), enumerable: true, writable: true, configurable: true })
      }
      return out
    }
  }
}
