/**
 * The scalar half of the Go-style JSON scanner (go-json.ts): the cursor, Go's syntax-error wording,
 * and literals, numbers and strings read as encoding/json reads them (strict RFC 8259 grammar,
 * invalid surrogate escapes replaced with U+FFFD).
 */

import { wellFormed } from '../text/utf8.ts'
import type { JsonNode } from './json-node.ts'

/** A syntax error at `offset`, with Go's message. */
export class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

const GO_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\' }

/** Go's quoteChar: how a bad BYTE is shown in a syntax error (a non-ASCII char shows its first UTF-8 byte as Latin-1). */
export function quoteChar(c: string): string {
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

/**
 * A cursor over `text` that reads one scalar at a time and fails with Go's message at the current
 * offset (ScanError); containers are read by the Scanner that extends it.
 */
export class ScalarScanner {
  index = 0
  constructor(readonly text: string) {}

  fail(context: string): never {
    if (this.index >= this.text.length) throw new ScanError('unexpected EOF', this.index)
    throw new ScanError(`invalid character ${quoteChar(this.text[this.index] as string)} ${context}`, this.index)
  }

  skipSpace(): void {
    while (isSpace(this.text[this.index])) this.index++
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
