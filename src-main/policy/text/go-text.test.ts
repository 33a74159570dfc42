import { describe, expect, it } from 'vitest'
import { canonicalHeaderKey, cleanPath, goIntError, goLower, goQuote, parseGoBool, parseGoInt } from './go-text.ts'

describe('cleanPath (Go path.Clean)', () => {
  it.each([
    ['', '.'], ['/', '/'], ['b/', 'b'], ['b//x', 'b/x'], ['b/./x', 'b/x'], ['b/../other/secret', 'other/secret'],
    ['../x', '../x'], ['/../x', '/x'], ['a/b/../../..', '..'], ['./', '.'], ['b/dir/', 'b/dir'], ['b/.x', 'b/.x'], ['b/x..', 'b/x..'],
  ])('%j → %j', (input, expected) => expect(cleanPath(input)).toBe(expected))
})

describe('canonicalHeaderKey (Go http.CanonicalHeaderKey)', () => {
  it.each([
    ['prefix', 'Prefix'], ['SourceIp', 'Sourceip'], ['x-amz-server-side-encryption', 'X-Amz-Server-Side-Encryption'],
    ['ExistingObjectTag/team', 'ExistingObjectTag/team'], ['user agent', 'user agent'], ['max-keys', 'Max-Keys'], ['', ''],
  ])('%j → %j', (input, expected) => expect(canonicalHeaderKey(input)).toBe(expected))
})

describe('Go integers and booleans', () => {
  it('parses like strconv.Atoi on 64-bit', () => {
    expect(parseGoInt('007')).toBe(7n)
    expect(parseGoInt('+5')).toBe(5n)
    expect(parseGoInt('-0')).toBe(0n)
    expect(parseGoInt('9223372036854775807')).toBe(9223372036854775807n)
    for (const bad of ['9223372036854775808', '5.0', '0x10', '1_000', ' 5', '', '+', '٣']) expect(parseGoInt(bad)).toBeUndefined()
  })

  it("words errors like strconv (overflow before a bad byte is a range error)", () => {
    expect(goIntError('u10')).toBe('strconv.Atoi: parsing "u10": invalid syntax')
    expect(goIntError('9223372036854775808')).toBe('strconv.Atoi: parsing "9223372036854775808": value out of range')
    expect(goIntError('99999999999999999999x')).toBe('strconv.Atoi: parsing "99999999999999999999x": value out of range')
    expect(goIntError('9223372036854775808x')).toBe('strconv.Atoi: parsing "9223372036854775808x": invalid syntax')
  })

  it('accepts exactly the twelve ParseBool spellings', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true))
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false))
    expect(['yes', 'tRUE', '', 'constructor'].map(parseGoBool)).toEqual(Array(4).fill(undefined))
  })
})

describe('goLower and goQuote', () => {
  it('lowercases per code point like Go', () => {
    expect(goLower('İ')).toBe('i')
    expect(goLower('ΣΑΣ')).toBe('σασ')
    expect(goLower('ABC')).toBe('abc')
    // New in Unicode 16: JS lowercases it, Go 1.26 (Unicode 15.0 tables) does not.
    expect(goLower('\ua7cbÉ')).toBe('\ua7cbé')
  })

  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\x01é"')
  })
})
