import { describe, expect, it } from 'vitest'
import { planFingerprint } from './plan-fingerprint.ts'
import { planSnapshot } from './snapshot-plan.ts'
import { SNAPSHOT_FORMAT, type Snapshot } from './snapshot.schema.ts'

function snapshot(users: string[], exportedAt = '2026-01-01T00:00:00.000Z'): Snapshot {
  return {
    format: SNAPSHOT_FORMAT, version: 1, exportedAt, source: { endpoint: 'http://x', exportedBy: 'root' }, policies: [], groups: [], accessKeys: [],
    users: users.map((accessKey) => ({ accessKey, status: 'enabled' as const, policies: [], memberOf: [] })),
  }
}

describe('planFingerprint', () => {
  it('is the same for the same changes, whenever either side was exported', () => {
    const first = planFingerprint(planSnapshot(snapshot(['alice']), snapshot(['bob'])))
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(planFingerprint(planSnapshot(snapshot(['alice'], '2027-05-05T00:00:00.000Z'), snapshot(['bob'], '2030-01-01T00:00:00.000Z')))).toBe(first)
  })

  it('changes when the server changed, even with the same number of steps', () => {
    const before = planFingerprint(planSnapshot(snapshot(['alice']), snapshot(['bob'])))
    expect(planFingerprint(planSnapshot(snapshot(['alice']), snapshot(['carol'])))).not.toBe(before)
    expect(planFingerprint(planSnapshot(snapshot(['alice']), snapshot(['alice'])))).not.toBe(before)
  })

  it('changes with the warnings alone', () => {
    const desired = snapshot([])
    const current = snapshot(['admin'])
    expect(planFingerprint(planSnapshot(desired, current, { actor: 'admin' }))).not.toBe(planFingerprint(planSnapshot(desired, snapshot([]))))
  })
})
