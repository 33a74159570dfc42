/**
 * Go standard-library behaviours MinIO's evaluator relies on (§10): path.Clean,
 * http.CanonicalHeaderKey, strconv.ParseInt / Atoi, strconv.ParseBool, strings.ToLower.
 */

// A `.` or `..` element, or an empty element inside the path.
const NEEDS_CLEANING = /(?:^|\/)\.\.?(?:\/|$)|\/\//

/** Go `path.Clean`: the shortest equivalent slash path ("" becomes "."). Trailing `/` dropped. */
export function cleanPath(path: string): string {
  if (path === '') return '.'
  // Fast path: no `.` elements and no doubled slashes: only a trailing slash can go.
  if (!NEEDS_CLEANING.test(path)) return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  const rooted = path.startsWith('/')
  const parts: string[] = []
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue
    if (element === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
      else if (!rooted) parts.push('..')
      continue
    }
    parts.push(element)
  }
  const joined = parts.join('/')
  if (rooted) return '/' + joined
  return joined === '' ? '.' : joined
}

// Go: httpguts token bytes: letters, digits and !#$%&'*+-.^_`|~
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*$/

/** Go `http.CanonicalHeaderKey`: `x-amz-date` → `X-Amz-Date`; unchanged if any byte is not a token byte. */
export function canonicalHeaderKey(name: string): string {
  if (!TOKEN.test(name)) return name
  let upper = true
  let out = ''
  for (const c of name) {
    out += upper ? c.toUpperCase() : c.toLowerCase()
    upper = c === '-'
  }
  return out
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const INTEGER = /^[+-]?[0-9]+$/

/** Go `strconv.Atoi` on a 64-bit platform: optional sign, decimal digits, int64 range; undefined on error. */
export function parseGoInt(text: string): bigint | undefined {
  if (!INTEGER.test(text)) return undefined
  const value = BigInt(text.startsWith('+') ? text.slice(1) : text)
  return value < INT64_MIN || value > INT64_MAX ? undefined : value
}

/**
 * The error text strconv.Atoi gives, for MinIO's "must be a int" messages. Like ParseUint, an
 * overflow past 2^64 seen before a bad byte is a range error; a bad byte first is a syntax error.
 */
export function goIntError(text: string): string {
  const digits = /^[+-]/.test(text) ? text.slice(1) : text
  let reason = digits === '' ? 'invalid syntax' : 'value out of range'
  let value = 0n
  for (const c of digits) {
    if (c < '0' || c > '9') {
      reason = 'invalid syntax'
      break
    }
    value = value * 10n + BigInt(c.charCodeAt(0) - 48)
    if (value >= 2n ** 64n) break
  }
  return `strconv.Atoi: parsing ${goQuote(text)}: ${reason}`
}

const BOOLEANS: Record<string, boolean> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
}

/** Go `strconv.ParseBool`; undefined when the text is not one of the twelve accepted spellings. */
export function parseGoBool(text: string): boolean | undefined {
  return Object.hasOwn(BOOLEANS, text) ? BOOLEANS[text] : undefined
}

// Letters whose lowercase mapping arrived after Unicode 15.0 (Go's tables) but that the JS engine
// (Unicode 17 in Node 24) lowercases; Go leaves them unchanged. Found by comparing every code point.
const NOT_LOWERED_BY_GO = /^[\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc\u{10d50}-\u{10d65}\u{16ea0}-\u{16eb8}]$/u

/** Go `strings.ToLower`: per code point simple lowercase (İ → i, a lone Σ → σ, no context rules). */
export function goLower(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase()
  let out = ''
  for (const char of text) {
    if (char === '\u0130') {
      out += 'i'
      continue
    }
    if (NOT_LOWERED_BY_GO.test(char)) {
      out += char
      continue
    }
    const lower = char.toLowerCase()
    out += [...lower].length === 1 ? lower : char
  }
  return out
}

const QUOTE_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' }

/** Go `strconv.Quote` (ASCII controls as Go writes them; printable Unicode kept). Used only inside error messages. */
export function goQuote(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (QUOTE_ESCAPES[char] !== undefined) out += QUOTE_ESCAPES[char]
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += char
  }
  return out + '"'
}
