import { describe, expect, it } from 'vitest'
import { exportFileName, stepView } from '../snapshot/snapshot-views.ts'

describe('exportFileName', () => {
  it('names the connection and the time, with nothing a file system would refuse', () => {
    const at = new Date('2026-11-23T12:30:05.123Z')
    expect(exportFileName('prod', at)).toBe('gatehouse-iam-prod-2026-11-23T12-30-05Z.json')
    expect(exportFileName('../EU west/1:a', at)).toBe('gatehouse-iam-EU-west-1-a-2026-11-23T12-30-05Z.json')
    expect(exportFileName('///', at)).toBe('gatehouse-iam-connection-2026-11-23T12-30-05Z.json')
  })
})

describe('stepView', () => {
  const base = { id: 1, phase: 'members' as const, kind: 'change' as const, entity: 'group' as const, name: 'ops', summary: 's', needs: [] }
  it('marks deletes and removed memberships or attachments as destructive, and leaves the server call out', () => {
    expect(stepView({ ...base, operation: { type: 'removeGroupMembers', name: 'ops', members: ['bob'] } })).toEqual({ id: 1, phase: 'members', kind: 'change', entity: 'group', name: 'ops', summary: 's', isDestructive: true })
    expect(stepView({ ...base, operation: { type: 'addGroupMembers', name: 'ops', members: ['bob'] } }).isDestructive).toBe(false)
    expect(stepView({ ...base, kind: 'remove', operation: { type: 'deleteGroup', name: 'ops' } }).isDestructive).toBe(true)
  })
})
