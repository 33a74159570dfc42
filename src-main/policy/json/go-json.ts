/**
 * A JSON scanner that reads the FIRST JSON value of a text the way Go's json.Decoder does
 * (MinIO's ParseConfig decodes with a Decoder, so trailing text after the first value is ignored),
 * keeping source offsets for editor squiggles. Strict RFC 8259 grammar, Go's error wording,
 * Go's nesting limit, and Go's replacement of invalid surrogate escapes with U+FFFD.
 */

import type { JsonNode } from './json-node.ts'
import { quoteChar, ScalarScanner, ScanError } from './go-json-scalars.ts'

export type { JsonMember, JsonNode } from './json-node.ts'

// Go: encoding/json maxNestingDepth.
const MAX_DEPTH = 10000

export type ScanResult = { ok: true; node: JsonNode; end: number } | { ok: false; message: string; offset: number }

interface Frame {
  node: JsonNode
  key: string
  keyStart: number
}

class Scanner extends ScalarScanner {
  /** Reads one key and its colon; leaves the index at the member's value. */
  memberKey(): { key: string; keyStart: number } {
    this.skipSpace()
    if (this.text[this.index] !== '"') this.fail('looking for beginning of object key string')
    const keyStart = this.index
    const key = this.string().value
    this.skipSpace()
    if (this.text[this.index] !== ':') this.fail('after object key')
    this.index++
    return { key, keyStart }
  }

  /** Opens a container or reads a scalar; containers are returned open (pushed by the caller). */
  begin(frames: Frame[]): JsonNode | undefined {
    this.skipSpace()
    const c = this.text[this.index]
    if (c === '{' || c === '[') {
      // Go: more than 10000 nested containers is a syntax error.
      if (frames.length >= MAX_DEPTH) throw new ScanError(`invalid character ${quoteChar(c)} exceeded max depth`, this.index)
      const start = this.index++
      this.skipSpace()
      if (c === '{') {
        const node: JsonNode = { kind: 'object', start, end: start, members: [] }
        if (this.text[this.index] === '}') return { ...node, end: ++this.index }
        frames.push({ node, ...this.memberKey() })
      } else {
        const node: JsonNode = { kind: 'array', start, end: start, items: [] }
        if (this.text[this.index] === ']') return { ...node, end: ++this.index }
        frames.push({ node, key: '', keyStart: 0 })
      }
      return undefined
    }
    if (c === '"') return this.string()
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number()
    if (c === 't') return this.literal('true', { kind: 'bool', value: true })
    if (c === 'f') return this.literal('false', { kind: 'bool', value: false })
    if (c === 'n') return this.literal('null', { kind: 'null' })
    return this.fail('looking for beginning of value')
  }

  /** Adds a finished value to the innermost container; returns the container if it closed. */
  attach(frame: Frame, value: JsonNode): JsonNode | undefined {
    const node = frame.node
    if (node.kind === 'array') node.items.push(value)
    else if (node.kind === 'object') node.members.push({ key: frame.key, keyStart: frame.keyStart, value })
    this.skipSpace()
    const next = this.text[this.index]
    const close = node.kind === 'array' ? ']' : '}'
    if (next === close) {
      node.end = ++this.index
      return node
    }
    if (next !== ',') this.fail(node.kind === 'array' ? 'after array element' : 'after object key:value pair')
    this.index++
    if (node.kind === 'object') Object.assign(frame, this.memberKey())
    return undefined
  }

  /** An explicit stack instead of recursion, so Go's 10000 levels never overflow the JS stack. */
  value(): JsonNode {
    const frames: Frame[] = []
    for (;;) {
      let done = this.begin(frames)
      while (done !== undefined) {
        const frame = frames[frames.length - 1]
        if (frame === undefined) return done
        done = this.attach(frame, done)
        if (done !== undefined) frames.pop()
      }
    }
  }
}

/**
 * Reads the first JSON value of `text` like Go's json.Decoder.Decode: leading whitespace skipped,
 * anything after the value ignored. Returns Go's message (`EOF`, `unexpected EOF`,
 * `invalid character ...`) and the offset on failure; never throws.
 */
export function scanFirstValue(text: string): ScanResult {
  const scanner = new Scanner(text)
  scanner.skipSpace()
  if (scanner.index >= text.length) return { ok: false, message: 'EOF', offset: text.length }
  try {
    const node = scanner.value()
    return { ok: true, node, end: scanner.index }
  } catch (error) {
    if (error instanceof ScanError) return { ok: false, message: error.message, offset: error.offset }
    throw error
  }
}
