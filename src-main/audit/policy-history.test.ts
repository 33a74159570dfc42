import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { diffPolicyVersions, policyHistory } from './policy-history.ts'
import { intentFor, steppingClock, tempTrail } from '../testbed/audit/trail-fixtures.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

const statement = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action], Resource: ['arn:aws:s3:::logs/*'] }] })

describe('policyHistory', () => {
  it('lists every version from before/after rows, skipping failed changes, and diffs any two', async () => {
    const { trail, cleanup } = tempTrail({ now: steppingClock() })
    cleanups.push(cleanup)
    const change = (action: 'policy.created' | 'policy.updated' | 'policy.deleted', before: unknown, after: unknown) =>
      trail.recordChange(intentFor({ action, target: { type: 'policy', name: 'logs' }, before }), async () => ({ after }))
    await change('policy.created', undefined, statement('s3:GetObject'))
    await change('policy.updated', statement('s3:GetObject'), statement('s3:PutObject'))
    await expect(
      trail.recordChange(intentFor({ action: 'policy.updated', target: { type: 'policy', name: 'logs' }, before: statement('s3:PutObject') }), async () => {
        throw new AppFailure('INVALID_INPUT', 'malformed policy')
      }),
    ).rejects.toThrow()
    // Another policy and another connection's policy of the same name stay out of this history.
    await trail.recordChange(intentFor({ action: 'policy.created', target: { type: 'policy', name: 'other' } }), async () => ({ after: statement('s3:*') }))
    await trail.recordChange(
      intentFor({ connection: { id: 'conn-2', name: 'b', endpoint: 'http://b' }, action: 'policy.created', target: { type: 'policy', name: 'logs' } }),
      async () => ({ after: statement('s3:ListBucket') }),
    )
    await change('policy.deleted', statement('s3:PutObject'), undefined)

    const history = policyHistory(trail.database, 'logs', 'conn-1')
    expect(history.map((version) => [version.version, version.action, version.document === null ? null : 'doc'])).toEqual([
      [1, 'policy.created', 'doc'],
      [2, 'policy.updated', 'doc'],
      [3, 'policy.deleted', null],
    ])
    const diff = diffPolicyVersions(history, 1, 2)
    expect(diff?.patch).toContain('-        "s3:GetObject"')
    expect(diff?.patch).toContain('+        "s3:PutObject"')
    expect([diff?.added, diff?.removed]).toEqual([1, 1])
    expect(diffPolicyVersions(history, 1, 9)).toBeNull()
  })

  it('starts from the document the server had before the first recorded change', async () => {
    const { trail, cleanup } = tempTrail({ now: steppingClock() })
    cleanups.push(cleanup)
    await trail.recordChange(intentFor({ action: 'policy.updated', target: { type: 'policy', name: 'logs' }, before: statement('s3:GetObject') }), async () => ({
      after: statement('s3:GetObject'),
    }))
    await trail.recordChange(intentFor({ action: 'policy.updated', target: { type: 'policy', name: 'logs' }, before: statement('s3:GetObject') }), async () => ({
      after: statement('s3:DeleteObject'),
    }))
    const history = policyHistory(trail.database, 'logs')
    expect(history.map((version) => version.source)).toEqual(['before', 'after'])
    expect(policyHistory(trail.database, 'never-seen')).toEqual([])
  })
})
