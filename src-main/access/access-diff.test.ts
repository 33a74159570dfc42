import { describe, expect, it } from 'vitest'
import { diffAccess, focusOf, principalsUsing } from './access-diff.ts'
import { testSnapshot, TEST_POLICIES } from '../testbed/worlds/access-world.ts'
import { deploymentFromSnapshot } from './deployment.ts'

const NOW = new Date('2026-12-01T12:00:00Z')

describe('access diff and impact preview', () => {
  const before = deploymentFromSnapshot(testSnapshot(), 'before')

  it('principalsUsing: holders, members of holding groups and their access keys', () => {
    expect(principalsUsing(before, 'read-logs').map((ref) => `${ref.kind}:${ref.name}`)).toEqual([
      'user:alice', 'user:bob', 'user:dave', 'accessKey:AKBOBNARROW', 'accessKey:AKBOBFULL', 'accessKey:AKBOBOFF', 'accessKey:AKBOBOLD', 'group:old', 'group:readers',
    ])
  })

  it('an edit that drops the Deny of readers shows the secret prefix gained by exactly the enabled readers, and nothing lost', () => {
    const snapshot = testSnapshot()
    snapshot.policies = snapshot.policies.map((policy) => (policy.name === 'deny-secret' ? { ...policy, document: { Version: '2012-10-17', Statement: [] } } : policy))
    const after = deploymentFromSnapshot(snapshot, 'after')
    const focus = focusOf([TEST_POLICIES['deny-secret'] as never], [])
    expect(focus.resources).toEqual(['logs/secret/x'])
    const diff = diffAccess(before, after, { now: NOW, principals: principalsUsing(before, 'deny-secret'), focus })
    expect(diff.lost).toEqual([])
    const gains = diff.gained.map((change) => `${change.kind}:${change.name} ${change.action}`)
    expect(gains).toEqual(expect.arrayContaining(['user:alice s3:GetObject', 'user:bob s3:GetObject', 'user:bob s3:PutObject', 'accessKey:AKBOBNARROW s3:GetObject', 'group:readers s3:GetObject']))
    expect(gains.some((gain) => gain.startsWith('user:dave') || gain.startsWith('accessKey:AKBOBOFF'))).toBe(false)
  })
})
