import { describe, expect, it } from 'vitest'
import { BULK_ACTIONS, bulkAction, bulkImpact, describeBulk, needsRetry } from './bulk-labels.ts'

describe('bulk labels', () => {
  it('builds an action only once its policy or group is chosen', () => {
    expect(bulkAction('attach', '')).toBeNull()
    expect(bulkAction('attach', 'readonly')).toEqual({ kind: 'attach', policies: ['readonly'] })
    expect(bulkAction('removeFromGroup', 'ops')).toEqual({ kind: 'removeFromGroup', group: 'ops' })
    expect(bulkAction('disable', '')).toEqual({ kind: 'disable' })
    expect(bulkAction('', 'ops')).toBeNull()
  })

  it('says what happens to how many users, delete as irreversible', () => {
    expect(describeBulk({ kind: 'attach', policies: ['readonly'] }, 3).text).toBe("Attach policy 'readonly' to 3 users. Users that already have it are left as they are.")
    expect(describeBulk({ kind: 'addToGroup', group: 'ops' }, 1).text).toBe("Add 1 user to group 'ops'.")
    const deletion = describeBulk({ kind: 'delete' }, 2)
    expect(deletion).toMatchObject({ title: 'Delete 2 users?', confirmLabel: 'Delete 2 users', isDestructive: true })
    expect(deletion.text).toContain('This cannot be undone.')
    const titles = BULK_ACTIONS.map((action) => describeBulk(bulkAction(action.kind, 'x') ?? { kind: 'delete' }, 5).title)
    expect(new Set(titles).size).toBe(BULK_ACTIONS.length)
  })

  it('keeps failed and unsent users for a retry, not those already as asked', () => {
    expect(needsRetry({ accessKey: 'a', status: 'failed', error: { code: 'NOT_FOUND', message: 'gone' } })).toBe(true)
    expect(needsRetry({ accessKey: 'a', status: 'skipped', error: { code: 'MINIO_UNREACHABLE', message: 'not sent' } })).toBe(true)
    expect(needsRetry({ accessKey: 'a', status: 'skipped', error: { code: 'CONFLICT', message: 'already applied' } })).toBe(false)
    expect(needsRetry({ accessKey: 'a', status: 'ok' })).toBe(false)
  })

  it('each bulk action becomes the change its impact preview asks about, for the selected users', () => {
    expect(bulkImpact({ kind: 'attach', policies: ['readonly'] }, ['b', 'a'])).toEqual({ kind: 'attach', targets: [{ user: 'a' }, { user: 'b' }], policies: ['readonly'] })
    expect(bulkImpact({ kind: 'removeFromGroup', group: 'ops' }, ['a'])).toEqual({ kind: 'removeMembers', group: 'ops', users: ['a'] })
    expect(bulkImpact({ kind: 'disable' }, ['a'])).toEqual({ kind: 'userStatus', users: ['a'], status: 'disabled' })
    expect(bulkImpact({ kind: 'delete' }, ['a'])).toEqual({ kind: 'deleteUsers', users: ['a'] })
  })
})
