// The server's condition map, pinned per operation: each expected map is what cmd/bucket-policy.go
// getConditionValues returns for that handler's check (server commit 7aac2a2c), and the live
// differential (tester-live.int.test.ts) asks the real server the same questions.
import { describe, expect, it } from 'vitest'
import { accessKeyClaims, serverConditionValues, type ServerRequestContext } from './condition-map.ts'
import { answerS3Operation, type S3Check, type S3Operation } from './s3-operations.ts'

const NOW = new Date(Date.UTC(2026, 1, 12, 20, 18, 48, 700))
const base: ServerRequestContext = { now: NOW, credential: { accessKey: 'alice' }, secureTransport: false, sourceIp: '127.0.0.1', authType: 'signed-v4' }

const ALWAYS = {
  CurrentTime: ['2026-02-12T20:18:48Z'],
  EpochTime: [String(Math.floor(NOW.getTime() / 1000))],
  SecureTransport: ['false'],
  SourceIp: ['127.0.0.1'],
  UserAgent: [''],
  Referer: [''],
  principaltype: ['User'],
  userid: ['alice'],
  username: ['alice'],
  versionid: [''],
  signatureversion: ['AWS4-HMAC-SHA256'],
  authType: ['REST-HEADER'],
}

/** The checks an operation makes, each with the map the server builds for it; every check allows. */
function checksOf(op: S3Operation, context: ServerRequestContext = base): Array<Omit<S3Check, 'headers' | 'form' | 'purpose'> & { values: Record<string, string[]> }> {
  const out: Array<Omit<S3Check, 'headers' | 'form' | 'purpose'> & { values: Record<string, string[]> }> = []
  answerS3Operation(op, (check) => {
    const values = serverConditionValues({ ...context, headers: { ...context.headers, ...check.headers }, form: { ...context.form, ...check.form } }).values
    out.push({ action: check.action, bucket: check.bucket, object: check.object, ...(check.denyOnly ? { denyOnly: true } : {}), values })
    return op.kind !== 'ListBuckets'
  })
  return out
}

describe('serverConditionValues', () => {
  it('always sets the twelve keys, even without headers (Referer and versionid empty)', () => {
    expect(serverConditionValues(base).values).toEqual(ALWAYS)
  })

  it('takes SecureTransport from the scheme, principaltype from the credential, signature from the auth type', () => {
    const values = serverConditionValues({ ...base, secureTransport: true, authType: 'presigned-v2', credential: { accessKey: 'root', rootAccessKey: 'root' } }).values
    expect(values).toMatchObject({ SecureTransport: ['true'], principaltype: ['Account'], signatureversion: ['AWS'], authType: ['REST-QUERY-STRING'] })
    expect(serverConditionValues({ ...base, authType: 'anonymous', credential: { accessKey: '' } }).values).toMatchObject({ principaltype: ['Anonymous'], username: [''], signatureversion: [''], authType: [''] })
  })

  it('answers for the parent of an access key, which carries claims and so is an AssumedRole', () => {
    const values = serverConditionValues({ ...base, credential: { accessKey: 'AKIA1', parentUser: 'alice', claims: accessKeyClaims('AKIA1', 'alice', false) } }).values
    expect(values).toMatchObject({ username: ['alice'], userid: ['alice'], principaltype: ['AssumedRole'], parent: ['alice'], 'sa-policy': ['inherited-policy'], accesskey: ['AKIA1'] })
  })

  it('copies headers under their canonical names (Referer twice) and form values as sent', () => {
    const values = serverConditionValues({ ...base, headers: { referer: ['https://a.example'], 'x-amz-server-side-encryption': ['AES256'], 'user-agent': ['ua/1'] }, form: { prefix: ['p/'], 'max-keys': ['5'] } }).values
    expect(values).toMatchObject({ Referer: ['https://a.example', 'https://a.example'], UserAgent: ['ua/1'], 'User-Agent': ['ua/1'], 'X-Amz-Server-Side-Encryption': ['AES256'], prefix: ['p/'], 'max-keys': ['5'] })
  })

  it('turns X-Amz-Tagging into both tag names and the key list, and object-lock headers into their own keys', () => {
    const values = serverConditionValues({ ...base, headers: { 'x-amz-tagging': ['team=red&tier=a%20b'], 'x-amz-object-lock-mode': ['GOVERNANCE'] } }).values
    expect(values).toMatchObject({ 'ExistingObjectTag/team': ['red'], 'RequestObjectTag/team': ['red'], 'ExistingObjectTag/tier': ['a b'], RequestObjectTagKeys: ['team', 'tier'], 'Object-Lock-Mode': ['GOVERNANCE'] })
    expect(values).not.toHaveProperty('X-Amz-Tagging')
    expect(values).not.toHaveProperty('X-Amz-Object-Lock-Mode')
  })

  it('uses the credential groups only without a groups claim, and string claims lowercased without "ldap"', () => {
    expect(serverConditionValues({ ...base, credential: { accessKey: 'a', groups: ['g1'] } }).values.groups).toEqual(['g1'])
    const values = serverConditionValues({ ...base, credential: { accessKey: 't', parentUser: 'u', groups: ['g1'], claims: { groups: ['c1', 7], ldapUsername: 'cn=u', sub: 'S' } } }).values
    expect(values).toMatchObject({ groups: ['c1'], username: ['cn=u'], sub: ['S'] })
  })
})

describe('the map per S3 operation', () => {
  it('GetObject / HeadObject: s3:GetObject with the stored tags and the versionId', () => {
    for (const kind of ['GetObject', 'HeadObject'] as const) {
      expect(checksOf({ kind, bucket: 'b', key: 'k', versionId: 'v1', storedTags: { team: 'red' } })).toEqual([{
        action: 's3:GetObject', bucket: 'b', object: 'k',
        values: { ...ALWAYS, versionid: ['v1'], versionId: ['v1'], 'ExistingObjectTag/team': ['red'], 'RequestObjectTag/team': ['red'], RequestObjectTagKeys: ['team'] },
      }])
    }
  })

  it('PutObject with tagging: the tags written, no other check', () => {
    expect(checksOf({ kind: 'PutObject', bucket: 'b', key: 'k', tags: { a: '1' } })).toEqual([{
      action: 's3:PutObject', bucket: 'b', object: 'k', values: { ...ALWAYS, 'ExistingObjectTag/a': ['1'], 'RequestObjectTag/a': ['1'], RequestObjectTagKeys: ['a'] },
    }])
  })

  it('DeleteObject of a version: a Deny-only DeleteObjectVersion check first', () => {
    const values = { ...ALWAYS, versionid: ['v9'], versionId: ['v9'] }
    expect(checksOf({ kind: 'DeleteObject', bucket: 'b', key: 'k', versionId: 'v9' })).toEqual([
      { action: 's3:DeleteObjectVersion', bucket: 'b', object: 'k', denyOnly: true, values },
      { action: 's3:DeleteObject', bucket: 'b', object: 'k', values },
    ])
  })

  it('CopyObject: PutObject on the destination, GetObject on the source, versionid from the copy source', () => {
    const values = { ...ALWAYS, versionid: ['v2'], 'X-Amz-Copy-Source': ['/src/a.txt?versionId=v2'] }
    expect(checksOf({ kind: 'CopyObject', bucket: 'dst', key: 'b.txt', source: { bucket: 'src', key: 'a.txt', versionId: 'v2' } })).toEqual([
      { action: 's3:PutObject', bucket: 'dst', object: 'b.txt', values },
      { action: 's3:GetObject', bucket: 'src', object: 'a.txt', values },
    ])
  })

  it('ListObjects V1/V2: s3:ListBucket with prefix, delimiter and max-keys as sent', () => {
    expect(checksOf({ kind: 'ListObjectsV2', bucket: 'b', prefix: 'home/', delimiter: '/', maxKeys: '10' })).toEqual([{
      action: 's3:ListBucket', bucket: 'b', object: '', values: { ...ALWAYS, 'list-type': ['2'], 'encoding-type': ['url'], prefix: ['home/'], delimiter: ['/'], 'max-keys': ['10'] },
    }])
    expect(checksOf({ kind: 'ListObjectsV1', bucket: 'b' })[0]?.values).toEqual({ ...ALWAYS, 'encoding-type': ['url'] })
  })

  it('ListBuckets denied: each bucket is checked with Prefix "" and Delimiter "/" headers', () => {
    const checks = checksOf({ kind: 'ListBuckets', buckets: ['one'] })
    expect(checks.map((item) => [item.action, item.bucket])).toEqual([['s3:ListAllMyBuckets', ''], ['s3:ListBucket', 'one'], ['s3:GetBucketLocation', 'one']])
    expect(checks[1]?.values).toEqual({ ...ALWAYS, Prefix: [''], Delimiter: ['/'] })
  })

  it('PutObjectTagging: the tags being written are what ExistingObjectTag reads', () => {
    expect(checksOf({ kind: 'PutObjectTagging', bucket: 'b', key: 'k', tags: { team: 'blue' }, storedTags: { team: 'red' } })[0]?.values).toMatchObject({ 'ExistingObjectTag/team': ['blue'], tagging: [''] })
  })
})
