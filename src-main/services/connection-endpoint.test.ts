import { describe, expect, it } from 'vitest'
import { checkEndpoint } from './connection-endpoint.ts'

describe('checkEndpoint', () => {
  it('normalises scheme, host and port', () => {
    expect(checkEndpoint(' https://S3.Example.com:9000/ ', { allowSelfSigned: false })).toEqual({
      endpoint: 'https://s3.example.com:9000',
      warnings: [],
    })
  })
  it('warns about plain http to a non-loopback host only', () => {
    expect(checkEndpoint('http://10.0.0.5:9000', { allowSelfSigned: false }).warnings[0]).toMatch(/unencrypted/)
    expect(checkEndpoint('http://127.0.0.1:9000', { allowSelfSigned: false }).warnings).toEqual([])
    expect(checkEndpoint('http://localhost:9000', { allowSelfSigned: false }).warnings).toEqual([])
    expect(checkEndpoint('http://[::1]:9000', { allowSelfSigned: false }).warnings).toEqual([])
    // names are not addresses: any DNS can point these anywhere
    expect(checkEndpoint('http://foo.localhost:9000', { allowSelfSigned: false }).warnings[0]).toMatch(/Plain http to foo.localhost/)
    expect(checkEndpoint('http://127.0.0.1.nip.io:9000', { allowSelfSigned: false }).warnings[0]).toMatch(/unencrypted/)
  })
  it('warns when certificate verification is off', () => {
    expect(checkEndpoint('https://minio.lan', { allowSelfSigned: true }).warnings[0]).toMatch(/verification is off/)
  })
  it.each([
    ['minio.lan:9000', /not a URL|must start with/],
    ['ftp://minio.lan', /must start with https/],
    ['https://user:pw@minio.lan', /credentials/],
    ['https://minio.lan/minio/admin', /path or query/],
  ])('rejects %s', (raw, message) => {
    expect(() => checkEndpoint(raw, { allowSelfSigned: false })).toThrow(message)
  })
})
