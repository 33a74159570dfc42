import { describe, expect, it } from 'vitest'
import type { PolicyDocument } from '../policy/index.ts'
import { expectEvaluatorAgrees, line, NOW, who, world } from '../testbed/worlds/impact-check.ts'

const READ_DATA = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data/*'] }] } as PolicyDocument

describe('impact preview of new principals, bulk key status and group delete', () => {
  it('a new user with policies and groups gains its policies and its groups’ (minus their Deny); with none, nothing', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'createUser', name: 'gina', policies: ['write-all'], groups: ['readers'] })
    expect(who(impact.gained)).toEqual(['user:gina'])
    expect(impact.gained.map(line)).toEqual(expect.arrayContaining(['user:gina s3:PutObject data/x', 'user:gina s3:ListBucket logs']))
    expect(impact.gained.some((gain) => gain.action === 's3:PutObject' && gain.resource.startsWith('logs/secret'))).toBe(false)
    expect(impact.lost).toEqual([])
    expect(impact.after.groups.get('readers')?.members).toContain('gina')
    // A disabled group gives its member nothing.
    expect(expectEvaluatorAgrees(world(), { kind: 'createUser', name: 'hank', policies: [], groups: ['old'] }).gained).toEqual([])
    expect(expectEvaluatorAgrees(world(), { kind: 'createUser', name: 'ivan', policies: [], groups: [] }).gained).toEqual([])
  })

  it('a new access key: its parent’s access, ∩ its session policy; a key of a disabled user has none', () => {
    const inherits = expectEvaluatorAgrees(world(), { kind: 'createAccessKey', accessKey: 'new', parent: 'bob', expiresAt: '2027-01-01T00:00:00Z' })
    expect(who(inherits.gained)).toEqual(['accessKey:new'])
    expect(inherits.gained.map(line)).toEqual(expect.arrayContaining(['accessKey:new s3:PutObject data/x', 'accessKey:new s3:ListBucket logs']))
    const narrowed = expectEvaluatorAgrees(world(), { kind: 'createAccessKey', accessKey: 'new', parent: 'bob', sessionPolicy: READ_DATA })
    expect(narrowed.gained.map(line)).toEqual(['accessKey:new s3:GetObject data/x'])
    // The session policy allows nothing the parent may not: alice cannot read data.
    expect(expectEvaluatorAgrees(world(), { kind: 'createAccessKey', accessKey: 'new', parent: 'alice', sessionPolicy: READ_DATA }).gained).toEqual([])
    expect(expectEvaluatorAgrees(world(), { kind: 'createAccessKey', accessKey: 'new', parent: 'carol' }).gained).toEqual([])
  })

  it('a new key of the root account: its session policy alone (root has every right); without one, everything', () => {
    const rooted = { ...world(), rootAccount: 'root' }
    const narrowed = expectEvaluatorAgrees(rooted, { kind: 'createAccessKey', accessKey: 'new', parent: 'root', sessionPolicy: READ_DATA })
    expect(narrowed.gained.map(line)).toEqual(['accessKey:new s3:GetObject data/x'])
    expect(narrowed.lost).toEqual([])
    const writes = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::logs/*'] }, { Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: ['arn:aws:s3:::logs/*'] }] } as PolicyDocument
    const scoped = expectEvaluatorAgrees(rooted, { kind: 'createAccessKey', accessKey: 'new', parent: 'root', sessionPolicy: writes })
    expect(scoped.gained.map(line)).toEqual(expect.arrayContaining(['accessKey:new s3:PutObject logs/x', 'accessKey:new s3:GetObject logs/x']))
    expect(scoped.gained.map(line)).not.toContain('accessKey:new s3:DeleteObject logs/x')
    const everything = expectEvaluatorAgrees(rooted, { kind: 'createAccessKey', accessKey: 'new', parent: 'root' })
    expect(everything.gained.map(line)).toEqual(expect.arrayContaining(['accessKey:new s3:PutObject data/x', 'accessKey:new s3:DeleteObject logs/x', 'accessKey:new admin:CreateUser *']))
    // Without the model naming root, its name is no user: the key would have nothing.
    expect(expectEvaluatorAgrees(world(), { kind: 'createAccessKey', accessKey: 'new', parent: 'root', sessionPolicy: READ_DATA }).gained).toEqual([])
  })

  it('expiry: extending an expired key gives its access back, expiring it takes it all, a later date changes nothing', () => {
    const revived = expectEvaluatorAgrees(world(), { kind: 'accessKeyExpiry', accessKey: 'AKBOBOLD', expiresAt: '2027-06-01T00:00:00Z' })
    expect(who(revived.gained)).toEqual(['accessKey:AKBOBOLD'])
    expect(who(expectEvaluatorAgrees(world(), { kind: 'accessKeyExpiry', accessKey: 'AKBOBOLD', expiresAt: null }).gained)).toEqual(['accessKey:AKBOBOLD'])
    const expired = expectEvaluatorAgrees(world(), { kind: 'accessKeyExpiry', accessKey: 'AKBOBFULL', expiresAt: new Date(NOW.getTime() - 1000).toISOString() })
    expect(who(expired.lost)).toEqual(['accessKey:AKBOBFULL'])
    const later = expectEvaluatorAgrees(world(), { kind: 'accessKeyExpiry', accessKey: 'AKBOBFULL', expiresAt: '2027-06-01T00:00:00Z' })
    expect([later.gained, later.lost]).toEqual([[], []])
  })

  it('bulk key disable: every enabled key named loses; a disabled one has nothing to lose', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'accessKeysStatus', accessKeys: ['AKBOBFULL', 'AKBOBNARROW', 'AKBOBOFF'], enabled: false })
    expect(who(impact.lost)).toEqual(['accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW'])
    expect(impact.lost.map(line)).toEqual(expect.arrayContaining(['accessKey:AKBOBNARROW s3:GetObject logs/x', 'accessKey:AKBOBFULL s3:PutObject data/x']))
    expect(impact.gained).toEqual([])
    expect(who(expectEvaluatorAgrees(impact.after, { kind: 'accessKeysStatus', accessKeys: ['AKBOBFULL', 'AKBOBNARROW'], enabled: true }).gained)).toEqual(['accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW'])
  })

  it('deleting a group: the group itself loses, as do its members and their keys; its Deny no longer masks', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'deleteGroup', group: 'readers' })
    expect(who(impact.lost)).toEqual(['accessKey:AKBOBFULL', 'group:readers', 'user:alice', 'user:bob'])
    expect(impact.lost.map(line)).toEqual(expect.arrayContaining(['group:readers s3:ListBucket logs', 'group:readers s3:GetObject logs/x', 'user:alice s3:ListBucket logs']))
    expect(impact.after.groups.has('readers')).toBe(false)
    expect(impact.after.users.get('alice')?.groups).not.toContain('readers')
    // The group's Deny on logs/secret/ goes too: bob's own write-all then reaches it.
    expect(impact.gained.map(line)).toContain('user:bob s3:PutObject logs/secret/x')
    // bob's narrow key may read logs/*: the secret part too, now.
    expect(who(impact.gained)).toEqual(['accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW', 'user:bob'])
  })

  it('deleting an empty group with policies: only its own line, a loss', () => {
    const emptied = expectEvaluatorAgrees(world(), { kind: 'removeMembers', group: 'readers', users: ['alice', 'bob'] }).after
    const impact = expectEvaluatorAgrees(emptied, { kind: 'deleteGroup', group: 'readers' })
    expect(who(impact.lost)).toEqual(['group:readers'])
    expect(impact.gained).toEqual([])
  })
})
