import { describe, expect, it } from 'vitest'
import { TEST_POLICIES } from '../testbed/worlds/access-world.ts'
import { applyChange } from './impact.ts'
import type { PolicyDocument } from '../policy/index.ts'
import { expectEvaluatorAgrees, line, who, world } from '../testbed/worlds/impact-check.ts'

describe('impact preview (evaluator on the state before and after)', () => {
  it('attach to a user: the user and its inheriting keys gain, a session policy limits its key, a Deny elsewhere masks the gain', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'attach', targets: [{ user: 'alice' }], policies: ['write-all'] })
    const gains = impact.gained.map(line)
    expect(gains).toEqual(expect.arrayContaining(['user:alice s3:PutObject data/x', 'user:alice s3:PutObject logs/x', 'user:alice s3:DeleteObject home/x']))
    // readers' deny-secret masks the new write on logs/secret/*.
    expect(gains.filter((gain) => gain.includes('logs/secret'))).toEqual([])
    expect(impact.lost).toEqual([])
    expect(impact.gained.find((gain) => gain.action === 's3:PutObject')?.decidedBy).toEqual([{ policy: 'write-all', statement: 1, effect: 'Allow' }])
  })

  it('session policy ∩ parent: attaching admin to bob gives it to bob and his inheriting key, not to the key with a session policy', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'attach', targets: [{ user: 'bob' }], policies: ['admin'] })
    expect(who(impact.gained)).toEqual(['accessKey:AKBOBFULL', 'user:bob'])
    expect(impact.gained.every((gain) => gain.action.startsWith('admin:'))).toBe(true)
  })

  it('disabled user, disabled group, disabled key: no access before or after, so nothing gained', () => {
    const before = world()
    expect(expectEvaluatorAgrees(before, { kind: 'attach', targets: [{ user: 'carol' }], policies: ['admin'] }).gained).toEqual([])
    expect(expectEvaluatorAgrees(before, { kind: 'attach', targets: [{ group: 'old' }], policies: ['admin'] }).gained).toEqual([])
    expect(expectEvaluatorAgrees(before, { kind: 'accessKeyPolicy', accessKey: 'AKBOBOFF', sessionPolicy: 'inherit' }).gained).toEqual([])
  })

  it('detach from a group: the group, its members and their keys lose; a disabled member loses nothing', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'detach', targets: [{ group: 'readers' }], policies: ['read-logs'] })
    // dave's group 'old' also holds read-logs, but it is disabled: he had nothing to lose.
    expect(who(impact.lost)).toEqual(['accessKey:AKBOBFULL', 'group:readers', 'user:alice', 'user:bob'])
    expect(impact.lost.map(line)).toEqual(expect.arrayContaining(['user:alice s3:GetObject logs/x', 'user:alice s3:ListBucket logs', 'group:readers s3:ListBucket logs']))
    // bob keeps GetObject on logs through write-all; only his ListBucket came from read-logs. His
    // narrow key never had ListBucket (its session policy), so it loses nothing.
    expect(impact.lost.filter((entry) => entry.name === 'bob').map(line)).toEqual(['user:bob s3:ListBucket logs'])
    expect(impact.gained).toEqual([])
  })

  it('bulk attach: many users at once, each named', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'attach', targets: [{ user: 'erin' }, { user: 'frank' }, { user: 'carol' }], policies: ['read-logs'] })
    expect(who(impact.gained)).toEqual(['user:erin', 'user:frank'])
  })

  it('a policy edit that removes access shows the loss for every holder, direct or through a group', () => {
    const narrowed: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }] } as PolicyDocument
    const impact = expectEvaluatorAgrees(world(), { kind: 'putPolicy', name: 'read-logs', document: narrowed })
    expect(impact.lost.map(line).sort()).toEqual(['accessKey:AKBOBFULL s3:ListBucket logs', 'group:readers s3:ListBucket logs', 'user:alice s3:ListBucket logs', 'user:bob s3:ListBucket logs'])
    expect(impact.lost[0]?.decidedBy).toEqual([{ policy: 'read-logs', statement: 2, effect: 'Allow' }])
  })

  it('a new policy attached to nobody changes nothing; deleting an attached one is a loss for its holders', () => {
    const before = world()
    const created = expectEvaluatorAgrees(before, { kind: 'putPolicy', name: 'brand-new', document: TEST_POLICIES['admin'] as unknown as PolicyDocument })
    expect([created.gained, created.lost]).toEqual([[], []])
    expect(who(expectEvaluatorAgrees(before, { kind: 'deletePolicy', name: 'home' }).lost)).toEqual(['user:frank'])
  })

  it('disabling a group denies its members everything, their own policies included; enabling it back restores it', () => {
    const before = world()
    const disabled = expectEvaluatorAgrees(before, { kind: 'groupStatus', group: 'readers', enabled: false })
    expect(who(disabled.lost)).toEqual(['accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW', 'group:readers', 'user:alice', 'user:bob'])
    expect(disabled.lost.map(line)).toContain('user:bob s3:PutObject data/x')
    const enabled = expectEvaluatorAgrees(disabled.after, { kind: 'groupStatus', group: 'readers', enabled: true })
    expect(enabled.gained.map(line).sort()).toEqual(disabled.lost.map(line).sort())
    // Enabling the disabled group 'old' gives dave its read-logs, but the group's own rights too.
    expect(expectEvaluatorAgrees(before, { kind: 'groupStatus', group: 'old', enabled: true }).gained.map(line)).toContain('user:dave s3:ListBucket logs')
  })

  it('membership: joining readers gives its reads, minus the Deny it brings on logs/secret', () => {
    const impact = expectEvaluatorAgrees(world(), { kind: 'addMembers', group: 'readers', users: ['erin'] })
    expect(impact.gained.map(line)).toEqual(expect.arrayContaining(['user:erin s3:GetObject logs/x', 'user:erin s3:ListBucket logs']))
    // The Deny covers the objects under logs/secret/, not the bucket's listing.
    expect(impact.gained.some((gain) => gain.action === 's3:GetObject' && gain.resource.startsWith('logs/secret'))).toBe(false)
    expect(who(expectEvaluatorAgrees(world(), { kind: 'removeMembers', group: 'readers', users: ['bob'] }).lost)).toEqual(['accessKey:AKBOBFULL', 'user:bob'])
  })

  it('user enable, disable and delete: the user and its keys (an expired key stays without access)', () => {
    const before = world()
    expect(who(expectEvaluatorAgrees(before, { kind: 'userStatus', users: ['carol'], enabled: true }).gained)).toEqual(['accessKey:AKCAROL', 'user:carol'])
    expect(who(expectEvaluatorAgrees(before, { kind: 'userStatus', users: ['bob', 'erin'], enabled: false }).lost)).toEqual(['accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW', 'user:bob', 'user:erin'])
    // frank's home policy reads ${aws:username}: he is asked about his own home/frank/.
    expect(expectEvaluatorAgrees(before, { kind: 'deleteUsers', users: ['frank'] }).lost.map(line)).toEqual(expect.arrayContaining(['user:frank s3:GetObject home/frank/x', 'user:frank s3:PutObject home/frank/x']))
  })

  it('access keys: a session policy narrows, inherit widens, disable and delete take everything', () => {
    const before = world()
    const narrowed = expectEvaluatorAgrees(before, { kind: 'accessKeyPolicy', accessKey: 'AKBOBFULL', sessionPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data/*'] }] } as PolicyDocument })
    expect(narrowed.gained).toEqual([])
    expect(narrowed.lost.map(line)).toEqual(expect.arrayContaining(['accessKey:AKBOBFULL s3:PutObject data/x', 'accessKey:AKBOBFULL s3:GetObject logs/x']))
    expect(narrowed.lost.map(line)).not.toContain('accessKey:AKBOBFULL s3:GetObject data/x')
    expect(expectEvaluatorAgrees(before, { kind: 'accessKeyPolicy', accessKey: 'AKBOBNARROW', sessionPolicy: 'inherit' }).gained.map(line)).toContain('accessKey:AKBOBNARROW s3:PutObject data/x')
    expect(who(expectEvaluatorAgrees(before, { kind: 'accessKeyStatus', accessKey: 'AKBOBFULL', enabled: false }).lost)).toEqual(['accessKey:AKBOBFULL'])
    expect(who(expectEvaluatorAgrees(before, { kind: 'deleteAccessKey', accessKey: 'AKBOBNARROW' }).lost)).toEqual(['accessKey:AKBOBNARROW'])
  })

  it('a bulk key status change (Access keys screen) reaches exactly the keys named', () => {
    const before = world()
    const disabled = expectEvaluatorAgrees(before, { kind: 'accessKeysStatus', accessKeys: ['AKBOBFULL', 'AKBOBNARROW'], enabled: false })
    expect([who(disabled.lost), disabled.gained]).toEqual([['accessKey:AKBOBFULL', 'accessKey:AKBOBNARROW'], []])
    expect(who(expectEvaluatorAgrees(before, { kind: 'accessKeysStatus', accessKeys: ['AKBOBOFF', 'AKBOBFULL'], enabled: true }).gained)).toEqual(['accessKey:AKBOBOFF'])
  })

  it('applyChange never mutates the model it is given', () => {
    const before = world()
    const copy = JSON.stringify([...before.users.values(), ...before.groups.values()])
    applyChange(before, { kind: 'deleteUsers', users: ['bob'] })
    applyChange(before, { kind: 'addMembers', group: 'readers', users: ['erin'] })
    expect(JSON.stringify([...before.users.values(), ...before.groups.values()])).toBe(copy)
  })
})
