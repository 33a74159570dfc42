import { describe, expect, it } from 'vitest'
import { formatPlan } from './plan-format.ts'
import { planSnapshot } from './snapshot-plan.ts'
import { SNAPSHOT_FORMAT, type Snapshot } from './snapshot.schema.ts'

const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action], Resource: ['arn:aws:s3:::b/*'] }] })

function snapshot(parts: Partial<Snapshot>): Snapshot {
  return { format: SNAPSHOT_FORMAT, version: 1, exportedAt: '2026-01-01T00:00:00.000Z', source: { endpoint: 'http://x', exportedBy: 'root' }, policies: [], users: [], groups: [], accessKeys: [], ...parts }
}

const user = (accessKey: string, extra: Partial<Snapshot['users'][number]> = {}) => ({ accessKey, status: 'enabled' as const, policies: [], memberOf: [], ...extra })
const group = (name: string, extra: Partial<Snapshot['groups'][number]> = {}) => ({ name, status: 'enabled' as const, members: [], policies: [], ...extra })

describe('planSnapshot', () => {
  it('plans nothing for identical states, even with arrays in another order', () => {
    const left = snapshot({ policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::b/*'] }] } }] })
    const right = snapshot({ policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Resource: 'arn:aws:s3:::b/*', Action: ['s3:PutObject', 's3:GetObject'], Effect: 'Allow' }] } }] })
    expect(planSnapshot(left, right).steps).toEqual([])
    expect(formatPlan(planSnapshot(left, right), 'connection x')).toBe('No changes: connection x already matches the snapshot.\n')
  })

  it('creates in dependency order: policy, user, group, members, attachments', () => {
    const desired = snapshot({
      policies: [{ name: 'p', document: doc('s3:GetObject') }],
      users: [user('alice', { policies: ['p'], memberOf: ['ops'] })],
      groups: [group('ops', { members: ['alice'], policies: ['p'] })],
    })
    const plan = planSnapshot(desired, snapshot({}))
    expect(plan.steps.map((step) => [step.id, step.phase, step.operation.type, step.name])).toEqual([
      [1, 'policies', 'createPolicy', 'p'],
      [2, 'create', 'createUser', 'alice'],
      [3, 'create', 'createGroup', 'ops'],
      [4, 'members', 'addGroupMembers', 'ops'],
      [5, 'attachments', 'attachPolicies', 'alice'],
      [6, 'attachments', 'attachPolicies', 'ops'],
    ])
    expect(plan.steps[3]?.needs).toEqual(['group:ops', 'user:alice'])
    expect(plan.steps[4]?.needs).toEqual(['user:alice', 'policy:p'])
    expect(plan.counts).toEqual({ create: 3, change: 3, remove: 0 })
  })

  it('removes groups (emptied first), users and then policies, but never built-ins', () => {
    const current = snapshot({
      policies: [{ name: 'readwrite', document: doc('s3:*') }, { name: 'old', document: doc('s3:GetObject') }],
      users: [user('bob', { policies: ['old'], memberOf: ['gone'] })],
      groups: [group('gone', { members: ['bob'] })],
    })
    const desired = snapshot({ policies: [{ name: 'readwrite', document: doc('s3:*') }] })
    const plan = planSnapshot(desired, current)
    expect(plan.steps.map((step) => [step.phase, step.operation.type, step.name])).toEqual([
      ['emptyGroups', 'removeGroupMembers', 'gone'],
      ['removeEntities', 'removeUser', 'bob'],
      ['removeEntities', 'deleteGroup', 'gone'],
      ['removePolicies', 'deletePolicy', 'old'],
    ])
  })

  it('keeps what the snapshot does not have when removing extras is off, naming it in a warning', () => {
    const current = snapshot({
      policies: [{ name: 'old', document: doc('s3:GetObject') }],
      users: [user('bob', { policies: ['old'], memberOf: ['gone'] }), user('erin')],
      groups: [group('gone', { members: ['bob'] })],
      accessKeys: [{ accessKey: 'STALE', parentUser: 'erin', status: 'enabled' }],
    })
    const desired = snapshot({ users: [user('erin', { status: 'disabled' })] })
    expect(planSnapshot(desired, current).counts).toEqual({ create: 0, change: 2, remove: 4 })
    const plan = planSnapshot(desired, current, { removeExtras: false })
    expect(plan.steps.map((step) => [step.id, step.operation.type, step.name])).toEqual([[1, 'setUserStatus', 'erin']])
    expect(plan.counts).toEqual({ create: 0, change: 1, remove: 0 })
    expect(plan.warnings).toEqual(["Removing extras is off: 4 item(s) the server has and the snapshot does not are kept (accessKey 'STALE', user 'bob', group 'gone', policy 'old')."])
  })

  it('enables a disabled user for a policy change and disables it again at the end', () => {
    const current = snapshot({ policies: [{ name: 'p', document: doc('s3:GetObject') }], users: [user('carol', { status: 'disabled' })] })
    const desired = snapshot({ policies: [{ name: 'p', document: doc('s3:GetObject') }], users: [user('carol', { status: 'disabled', policies: ['p'] })] })
    const plan = planSnapshot(desired, current)
    expect(plan.steps.map((step) => [step.operation.type, 'status' in step.operation ? step.operation.status : ''])).toEqual([
      ['setUserStatus', 'enabled'],
      ['attachPolicies', ''],
      ['setUserStatus', 'disabled'],
    ])
    expect(plan.steps[0]?.summary).toMatch(/temporarily/)
  })

  it('creates a disabled user directly disabled when nothing else needs it enabled', () => {
    const plan = planSnapshot(snapshot({ users: [user('dave', { status: 'disabled' })] }), snapshot({}))
    expect(plan.steps.map((step) => step.operation)).toEqual([{ type: 'createUser', accessKey: 'dave', status: 'disabled' }])
  })

  it('never removes or disables the credential the apply runs as, and says so', () => {
    const plan = planSnapshot(snapshot({}), snapshot({ users: [user('admin')] }), { actor: 'admin' })
    expect(plan.steps).toEqual([])
    expect(plan.warnings).toEqual([expect.stringMatching(/'admin' is not in the snapshot but is the credential this apply runs as/)])
  })

  it('plans access keys: create with a generated secret, update fields, revert a session policy, delete, warn on what MinIO cannot do', () => {
    const base = { parentUser: 'erin', status: 'enabled' as const }
    const current = snapshot({
      users: [user('erin')],
      accessKeys: [
        { accessKey: 'KEEPNAME', ...base, name: 'kept' },
        { accessKey: 'RESTRICT', ...base, sessionPolicy: doc('s3:GetObject') },
        { accessKey: 'STALE', ...base },
      ],
    })
    const desired = snapshot({
      users: [user('erin')],
      accessKeys: [
        { accessKey: 'KEEPNAME', ...base, status: 'disabled' },
        { accessKey: 'RESTRICT', ...base },
        { accessKey: 'NEWKEY', ...base, description: 'ci' },
      ],
    })
    const plan = planSnapshot(desired, current)
    expect(plan.steps.map((step) => step.operation)).toEqual([
      { type: 'updateAccessKey', accessKey: 'KEEPNAME', update: { status: 'disabled' } },
      { type: 'updateAccessKey', accessKey: 'RESTRICT', update: { policy: null } },
      { type: 'createAccessKey', accessKey: 'NEWKEY', parentUser: 'erin', status: 'enabled', description: 'ci' },
      { type: 'deleteAccessKey', accessKey: 'STALE' },
    ])
    expect(plan.warnings).toEqual([expect.stringMatching(/cannot clear its name 'kept'/)])
  })

  it('prints a readable plan', () => {
    const plan = planSnapshot(snapshot({ users: [user('frank')] }), snapshot({ users: [user('gina')] }))
    expect(formatPlan(plan, "connection 'local'")).toBe(
      "Plan for connection 'local': 1 to create, 0 to change, 1 to remove.\n" +
        "   1. + user 'frank': create (enabled; a new secret is generated)\n" +
        "   2. - user 'gina': delete (with its access keys and memberships)\n",
    )
  })
})
