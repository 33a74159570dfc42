/**
 * MinIO's wildcard matcher (`wildcard.Match`, §3.4) without its exponential backtracking:
 * `*` matches any run of bytes (including `/` and the empty run), `?` exactly one byte, every
 * other byte itself; no escapes; case-sensitive; the whole text must be consumed.
 * Patterns without `?` (nearly all) are matched by literal search; the single-star backtracking
 * for the rest is O(pattern × text) in the worst case. Both give the same answers as MinIO's
 * recursive glob (plain glob semantics).
 */
import { activeSemantics, withSemantics, type PolicySemantics } from '../semantics.ts'
import { isAscii, utf8Bytes, wellFormed } from './utf8.ts'

const STAR = 0x2a
const QUESTION = 0x3f

/**
 * A pattern of literals and `*` only (no `?`): the first literal is a prefix, the last a suffix, and
 * each one between is found leftmost (greedy leftmost is exact for `*`-only globs). indexOf makes
 * the common shapes (`*literal*`, `prefix*`, `*suffix`) a substring search, linear in the text.
 */
function globStarsOnly(pattern: string, text: string): boolean {
  const parts = pattern.split('*')
  const first = parts[0]!
  const last = parts[parts.length - 1]!
  if (parts.length === 1) return pattern === text
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false
  let from = first.length
  const end = text.length - last.length
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index]!
    if (part === '') continue
    const at = text.indexOf(part, from)
    if (at < 0 || at + part.length > end) return false
    from = at + part.length
  }
  return true
}

/** Glob over string code units (callers ensure both sides are ASCII). */
function globStrings(pattern: string, text: string): boolean {
  if (!pattern.includes('?')) return globStarsOnly(pattern, text)
  return globBacktracking(pattern, text)
}

/** Single-star backtracking glob over string code units: O(pattern × text) at worst. */
function globBacktracking(pattern: string, text: string): boolean {
  let p = 0
  let t = 0
  let starAt = -1
  let starText = 0
  const patternLength = pattern.length
  const textLength = text.length
  while (t < textLength) {
    const code = p < patternLength ? pattern.charCodeAt(p) : -1
    if (code === STAR) {
      starAt = p++
      starText = t
    } else if (code !== -1 && (code === QUESTION || code === text.charCodeAt(t))) {
      p++
      t++
    } else if (starAt >= 0) {
      p = starAt + 1
      t = ++starText
    } else {
      return false
    }
  }
  while (p < patternLength && pattern.charCodeAt(p) === STAR) p++
  return p === patternLength
}

/** The same algorithm over UTF-8 bytes (or, for older minio/pkg, code points). */
function globBytes(pattern: ArrayLike<number>, text: ArrayLike<number>): boolean {
  let p = 0
  let t = 0
  let starAt = -1
  let starText = 0
  while (t < text.length) {
    const code = p < pattern.length ? (pattern[p] as number) : -1
    if (code === STAR) {
      starAt = p++
      starText = t
    } else if (code !== -1 && (code === QUESTION || code === text[t])) {
      p++
      t++
    } else if (starAt >= 0) {
      p = starAt + 1
      t = ++starText
    } else {
      return false
    }
  }
  while (p < pattern.length && pattern[p] === STAR) p++
  return p === pattern.length
}

/** Go's []rune(s): code points, an unpaired surrogate (invalid UTF-8 in Go) as U+FFFD. */
function runes(text: string): number[] {
  return Array.from(wellFormed(text), (char) => char.codePointAt(0) as number)
}

/** Non-ASCII glob: bytes since minio/pkg v3.0.13; v3.0.0–v3.0.11 matched over []rune (`?` = one character). */
function globUnicode(pattern: string, text: string): boolean {
  if (!activeSemantics().byteWildcard) return globBytes(runes(pattern), runes(text))
  return globBytes(utf8Bytes(pattern), utf8Bytes(text))
}

/** ASCII fast path on strings; otherwise compare UTF-8 bytes. */
function match(pattern: string, text: string): boolean {
  if (isAscii(pattern) && isAscii(text)) return globStrings(pattern, text)
  return globUnicode(pattern, text)
}

/** matchWildcard when the caller already knows whether pattern and text are ASCII (the hot path). */
export function matchWildcardKnown(pattern: string, isPatternAscii: boolean, text: string, isTextAscii: boolean): boolean {
  if (pattern === '*') return true
  if (pattern === '') return text === ''
  if (isPatternAscii && isTextAscii) return globStrings(pattern, text)
  return globUnicode(pattern, text)
}

/**
 * MinIO `wildcard.Match(pattern, text)` with byte semantics. Never throws; never exponential.
 * An empty pattern matches only the empty text; `*` matches everything.
 */
export function matchWildcard(pattern: string, text: string, semantics?: PolicySemantics): boolean {
  if (semantics !== undefined) return withSemantics(semantics, () => matchWildcard(pattern, text))
  if (pattern === '*') return true
  if (pattern === '') return text === ''
  return match(pattern, text)
}

/**
 * MinIO `wildcard.MatchSimple`, used only for bucket-policy principals: like matchWildcard, except
 * that once the text is used up, a `?` as the next pattern byte makes the answer true (§3.4).
 */
export function matchWildcardSimple(pattern: string, text: string): boolean {
  if (pattern === '*') return true
  if (pattern === '') return text === ''
  if (match(pattern, text)) return true
  const bytes = utf8Bytes(pattern)
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] !== QUESTION) continue
    const prefix = new TextDecoder().decode(bytes.subarray(0, index))
    if (index === 0 ? text === '' : match(prefix, text)) return true
  }
  return false
}
