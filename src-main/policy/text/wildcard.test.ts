import { describe, expect, it } from 'vitest'
import { matchWildcard, matchWildcardSimple } from './wildcard.ts'

/** A straight port of the recursive semantics, used as the reference on small inputs. */
function reference(pattern: Uint8Array, text: Uint8Array, simple: boolean): boolean {
  const go = (s: number, p: number): boolean => {
    while (p < pattern.length) {
      const c = pattern[p]
      if (c === 0x2a) return p === pattern.length - 1 || go(s, p + 1) || (s < text.length && go(s + 1, p))
      if (c === 0x3f) {
        if (s >= text.length) return simple
      } else if (s >= text.length || text[s] !== c) return false
      s++
      p++
    }
    return s === text.length
  }
  if (pattern.length === 0) return text.length === 0
  if (pattern.length === 1 && pattern[0] === 0x2a) return true
  return go(0, 0)
}

describe('matchWildcard', () => {
  it('follows MinIO on the spec examples', () => {
    expect(matchWildcard('arn:aws:s3:::data*', 'arn:aws:s3:::database')).toBe(true)
    expect(matchWildcard('b?', 'b/')).toBe(true)
    expect(matchWildcard('mybucket?0', 'mybucket30/')).toBe(false)
    expect(matchWildcard('a?', 'a')).toBe(false)
    expect(matchWildcard('', '')).toBe(true)
    expect(matchWildcard('', 'a')).toBe(false)
    expect(matchWildcard('b/file?.txt', 'b/fileé.txt')).toBe(false)
    expect(matchWildcard('b/file??.txt', 'b/fileé.txt')).toBe(true)
    expect(matchWildcard('s3:Get*', 's3:GetObject')).toBe(true)
  })

  it('agrees with the recursive reference on every short pattern over a small alphabet', () => {
    const alphabet = ['a', 'b', '*', '?', 'é']
    const words: string[] = ['']
    for (let length = 1; length <= 4; length++) {
      for (const word of [...words]) if (word.length === length - 1) for (const c of alphabet) words.push(word + c)
    }
    const texts = words.filter((w) => !w.includes('*') && !w.includes('?'))
    const encoder = new TextEncoder()
    let checked = 0
    for (const pattern of words) {
      for (const text of texts) {
        const p = encoder.encode(pattern)
        const t = encoder.encode(text)
        expect(matchWildcard(pattern, text), `${pattern} ~ ${text}`).toBe(reference(p, t, false))
        expect(matchWildcardSimple(pattern, text), `simple ${pattern} ~ ${text}`).toBe(reference(p, t, true))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(10000)
  })

  it('stays fast on the pathological a*a*a*...b pattern', () => {
    const pattern = 'a*'.repeat(40) + 'b'
    const text = 'a'.repeat(5000)
    expect(matchWildcard(pattern, text)).toBe(false)
    expect(matchWildcard(pattern, text + 'b')).toBe(true)
  })

  it('keeps the MatchSimple quirk', () => {
    expect(matchWildcardSimple('a?', 'a')).toBe(true)
    expect(matchWildcardSimple('a?b', 'a')).toBe(true)
    expect(matchWildcardSimple('?', '')).toBe(true)
    expect(matchWildcardSimple('*?x', '')).toBe(true)
    expect(matchWildcardSimple('ali?', 'al')).toBe(false)
  })
})

describe('matchWildcard against a plain recursive glob (the `*`-only literal search included)', () => {
  // MinIO's deepMatchRune in miniature: exponential, so only on short inputs.
  const reference = (pattern: string, text: string): boolean => {
    if (pattern === '') return text === ''
    if (pattern[0] === '*') return reference(pattern.slice(1), text) || (text !== '' && reference(pattern, text.slice(1)))
    return text !== '' && (pattern[0] === '?' || pattern[0] === text[0]) && reference(pattern.slice(1), text.slice(1))
  }
  it('agrees on 20,000 random patterns and texts over a small alphabet', () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = (alphabet: string, max: number) => Array.from({ length: Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
    for (let round = 0; round < 20_000; round++) {
      const pattern = pick(round % 2 ? 'ab*' : 'ab*?', 7)
      const text = pick('ab', 9)
      expect({ pattern, text, match: matchWildcard(pattern, text) }).toEqual({ pattern, text, match: reference(pattern, text) })
    }
  })
})
