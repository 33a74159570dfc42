/**
 * A small deployment for the access tests: group and own policies, a Deny, a disabled user, a
 * disabled group, conditions on request keys, a `${aws:username}` home prefix and access keys with
 * and without session policies. Shaped as an IAM snapshot, so it is also a valid snapshot file.
 */
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from '../../snapshot/snapshot.schema.ts'

const V = '2012-10-17'
const allow = (Action: string[], Resource: string[], Condition?: Record<string, unknown>) => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) })
const deny = (Action: string[], Resource: string[], Condition?: Record<string, unknown>) => ({ Effect: 'Deny', Action, Resource, ...(Condition ? { Condition } : {}) })

export const TEST_POLICIES: Record<string, { Version: string; Statement: unknown[] }> = {
  'read-logs': { Version: V, Statement: [allow(['s3:GetObject'], ['arn:aws:s3:::logs/*']), allow(['s3:ListBucket'], ['arn:aws:s3:::logs'])] },
  'write-all': { Version: V, Statement: [allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], ['arn:aws:s3:::*'])] },
  'deny-secret': { Version: V, Statement: [deny(['s3:*'], ['arn:aws:s3:::logs/secret/*'])] },
  'office-only': { Version: V, Statement: [allow(['s3:GetObject'], ['arn:aws:s3:::data/*'], { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } })] },
  'tls-writes': { Version: V, Statement: [allow(['s3:PutObject', 's3:GetObject'], ['arn:aws:s3:::data/*']), deny(['s3:PutObject'], ['arn:aws:s3:::data/*'], { Bool: { 'aws:SecureTransport': ['false'] } })] },
  home: { Version: V, Statement: [allow(['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::home/${aws:username}/*'])] },
  'user-cond': { Version: V, Statement: [allow(['s3:GetObject'], ['arn:aws:s3:::shared/*'], { StringEquals: { 'aws:username': ['henry'] } })] },
  admin: { Version: V, Statement: [allow(['admin:*'], ['arn:aws:s3:::*'])] },
}

const user = (accessKey: string, policies: string[], memberOf: string[] = [], status: 'enabled' | 'disabled' = 'enabled') => ({ accessKey, status, policies, memberOf })

/** The world as a snapshot; `overrides` replaces top-level lists (for diff tests). */
export function testSnapshot(overrides: Partial<Pick<Snapshot, 'users' | 'groups' | 'policies' | 'accessKeys'>> = {}): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: '2026-12-01T00:00:00Z',
    source: { endpoint: 'http://127.0.0.1:9000', exportedBy: 'root' },
    policies: Object.entries(TEST_POLICIES).map(([name, document]) => ({ name, document })),
    users: [
      user('alice', [], ['readers']),
      user('bob', ['write-all'], ['readers']),
      user('carol', ['write-all'], [], 'disabled'),
      user('dave', ['write-all'], ['old']),
      user('erin', ['office-only']),
      user('frank', ['home']),
      user('gina', ['tls-writes']),
      user('henry', ['user-cond']),
      user('ivan', ['user-cond', 'admin']),
    ],
    groups: [
      { name: 'old', status: 'disabled', members: ['dave'], policies: ['read-logs'] },
      { name: 'readers', status: 'enabled', members: ['alice', 'bob'], policies: ['read-logs', 'deny-secret'] },
    ],
    accessKeys: [
      { accessKey: 'AKBOBNARROW', parentUser: 'bob', status: 'enabled', sessionPolicy: { Version: V, Statement: [allow(['s3:GetObject'], ['arn:aws:s3:::logs/*'])] } },
      { accessKey: 'AKBOBFULL', parentUser: 'bob', status: 'enabled' },
      { accessKey: 'AKBOBOFF', parentUser: 'bob', status: 'disabled' },
      { accessKey: 'AKCAROL', parentUser: 'carol', status: 'enabled' },
      { accessKey: 'AKBOBOLD', parentUser: 'bob', status: 'enabled', expiresAt: '2026-01-01T00:00:00Z' },
    ],
    ...overrides,
  }
}
