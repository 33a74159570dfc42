import { describe, expect, it } from 'vitest'
import { checkBucketName, decodeBase64, encodeBase64 } from './go-codecs.ts'

describe('decodeBase64 (Go base64.StdEncoding.DecodeString)', () => {
  it('decodes padded base64 and ignores CR/LF', () => {
    expect(decodeBase64('aGVsbG8=')).toEqual({ value: 'hello' })
    expect(decodeBase64('aGVs\nbG8=')).toEqual({ value: 'hello' })
    expect(decodeBase64('')).toEqual({ value: '' })
  })

  it("reports Go's byte offsets", () => {
    expect(decodeBase64('aGVsbG8')).toEqual({ error: 'illegal base64 data at input byte 4' })
    expect(decodeBase64('a')).toEqual({ error: 'illegal base64 data at input byte 0' })
    expect(decodeBase64('YQ=')).toEqual({ error: 'illegal base64 data at input byte 3' })
    expect(decodeBase64('aGVsbG8==')).toEqual({ error: 'illegal base64 data at input byte 8' })
    expect(decodeBase64('é')).toEqual({ error: 'illegal base64 data at input byte 0' })
  })

  it('keeps undecodable bytes unequal to any request string, and re-encodes them', () => {
    const decoded = decodeBase64('/w==')
    expect('value' in decoded && decoded.value).not.toBe('\ufffd')
    expect(encodeBase64((decoded as { value: string }).value)).toBe('/w==')
    expect(encodeBase64('hello')).toBe('aGVsbG8=')
  })
})

describe('checkBucketName (minio-go CheckValidBucketName)', () => {
  it.each([
    ['srcbucket', undefined], ['ab', 'Bucket name cannot be shorter than 3 characters'], ['1.2.3.4', 'Bucket name cannot be an ip address'],
    ['a..b', 'Bucket name contains invalid characters'], ['Bucket_1:x', undefined], ['-abc', 'Bucket name contains invalid characters'], ['   ', 'Bucket name cannot be empty'],
  ])('%j', (name, expected) => expect(checkBucketName(name, new TextEncoder().encode(name).length)).toBe(expected))
})
