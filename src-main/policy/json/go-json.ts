/**
 * A JSON scanner that reads the FIRST JSON value of a text the way Go's json.Decoder does
 * (MinIO's ParseConfig decodes with a Decoder, so trailing text after the first value is ignored),
 * keeping source offsets for editor squiggles. Strict RFC 8259 grammar, Go's error wording,
 * Go's nesting limit, and Go's replacement of invalid surrogate escapes with U+FFFD.
 */

import { wellFormed } from '../text/utf8.ts'

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; raw: string }
  | { kind: 'bool'; start: number; end: number; value: boolean }
  | { kind: 'null'; start: number; end: number }

export interface JsonMember {
  key: string
  keyStart: number
  value: JsonNode
}

export type ScanResult = { ok: true; node: JsonNode; end: number } | { ok: false; message: string; offset: number }

// Go: encoding/json maxNestingDepth.
const MAX_DEPTH = 10000

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

const GO_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\' }

/** Go's quoteChar: how a bad BYTE is shown in a syntax error (a non-ASCII char shows its first UTF-8 byte as Latin-1). */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`
  if (c === '"') return `'"'`
  const code = c.charCodeAt(0)
  if (code >= 0x80) return `'${String.fromCharCode(new TextEncoder().encode(c)[0] as number)}'`
  if (GO_ESCAPES[c] !== undefined) return `'${GO_ESCAPES[c]}'`
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`
  return `'${c}'`
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r'
}

interface Frame {
  node: JsonNode
  key: string
  keyStart: number
}

class Scanner {
  index = 0
  constructor(readonly text: string) {}

  fail(context: string): never {
    if (this.index >= this.text.length) throw new ScanError('unexpected EOF', this.index)
    throw new ScanError(`invalid character ${quoteChar(this.text[this.index] as string)} ${context}`, this.index)
  }

  skipSpace(): void {
    while (isSpace(this.text[this.index])) this.index++
  }

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

  literal(word: string, node: { kind: 'bool'; value: boolean } | { kind: 'null' }): JsonNode {
    const start = this.index
    for (let i = 0; i < word.length; i++, this.index++) {
      if (this.text[this.index] !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word[i] as string)})`)
    }
    return { ...node, start, end: this.index }
  }

  number(): JsonNode {
    const start = this.index
    const text = this.text
    if (text[this.index] === '-') this.index++
    if (text[this.index] === '0') this.index++
    else if (isDigit(text[this.index])) while (isDigit(text[this.index])) this.index++
    else this.fail('in numeric literal')
    if (text[this.index] === '.') {
      this.index++
      if (!isDigit(text[this.index])) this.fail('after decimal point in numeric literal')
      while (isDigit(text[this.index])) this.index++
    }
    if (text[this.index] === 'e' || text[this.index] === 'E') {
      this.index++
      if (text[this.index] === '+' || text[this.index] === '-') this.index++
      if (!isDigit(text[this.index])) this.fail('in exponent of numeric literal')
      while (isDigit(text[this.index])) this.index++
    }
    return { kind: 'number', start, end: this.index, raw: text.slice(start, this.index) }
  }

  string(): { kind: 'string'; start: number; end: number; value: string } {
    const start = this.index++
    const text = this.text
    let out = ''
    let runStart = this.index
    for (;;) {
      const code = text.charCodeAt(this.index)
      if (Number.isNaN(code)) this.fail('in string literal')
      if (code === 0x22) break
      if (code < 0x20) this.fail('in string literal')
      if (code !== 0x5c) {
        this.index++
        continue
      }
      out += text.slice(runStart, this.index)
      out += this.escape()
      runStart = this.index
    }
    out += text.slice(runStart, this.index)
    this.index++
    // Go decodes into UTF-8: unpaired surrogates become U+FFFD.
    return { kind: 'string', start, end: this.index, value: wellFormed(out) }
  }

  escape(): string {
    this.index++
    const c = this.text[this.index]
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
    if (c !== undefined && c in simple) {
      this.index++
      return simple[c] as string
    }
    if (c !== 'u') this.fail('in string escape code')
    this.index++
    const unit = this.hex4()
    if (unit >= 0xd800 && unit < 0xdc00 && this.text.startsWith('\\u', this.index)) {
      const save = this.index
      this.index += 2
      const low = this.hex4()
      if (low >= 0xdc00 && low < 0xe000) return String.fromCharCode(unit, low)
      // Go: an unpaired high surrogate becomes U+FFFD and the next escape is decoded on its own.
      this.index = save
      return '\ufffd'
    }
    if (unit >= 0xd800 && unit < 0xe000) return '\ufffd'
    return String.fromCharCode(unit)
  }

  hex4(): number {
    let value = 0
    for (let i = 0; i < 4; i++) {
      const c = this.text[this.index]
      const digit = c === undefined ? NaN : parseInt(c, 16)
      if (Number.isNaN(digit)) this.fail('in \\u hexadecimal character escape')
      value = value * 16 + digit
      this.index++
    }
    return value
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
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
