import { describe, expect, it } from 'vitest'
import { buildQuery, encodeQueryComponent, signRequest } from './signing.ts'

describe('buildQuery', () => {
  it('sorts keys and repeated values and always writes key=value', () => {
    expect(buildQuery({ user: ['zed', 'alice'], group: 'g', empty: '', skipped: undefined })).toBe(
      'empty=&group=g&user=alice&user=zed',
    )
  })

  it('encodes + as %2B, ; as %3B, space as %20 and the RFC 3986 reserved marks', () => {
    expect(encodeQueryComponent("a+b;c d!'()*~._-")).toBe('a%2Bb%3Bc%20d%21%27%28%29%2A~._-')
  })
})

describe('signRequest', () => {
  it('reproduces the worked example of the spec (§1.2)', () => {
    const headers = signRequest({
      method: 'GET',
      host: 'localhost:9000',
      path: '/minio/admin/v3/user-info',
      query: buildQuery({ accessKey: 'alice' }),
      body: new Uint8Array(),
      accessKey: 'minioadmin',
      secretKey: 'minioadmin',
      region: 'us-east-1',
      date: new Date('2026-01-01T00:00:00Z'),
    })
    expect(headers['x-amz-date']).toBe('20260101T000000Z')
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=minioadmin/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=701aad8c8099bc3ea82c313c5c75921b3e927b42b88997ff6e3bd6757765111c',
    )
  })

  it('hashes the real body', () => {
    const headers = signRequest({
      method: 'PUT',
      host: 'h',
      path: '/p',
      query: '',
      body: Buffer.from('abc'),
      accessKey: 'ak0',
      secretKey: 'secret00',
      region: 'us-east-1',
    })
    expect(headers['x-amz-content-sha256']).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})
