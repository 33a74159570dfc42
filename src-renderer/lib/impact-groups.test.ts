import { describe, expect, it } from 'vitest'
import type { ImpactEntry, ImpactView } from '../../src-main/api/impact.contract.ts'
import { entryLabel, groupImpact } from './impact-groups.ts'

const entry = (name: string, action: string, resource = 'logs/x'): ImpactEntry => ({ kind: 'user', name, action, resource, before: 'none', after: 'allow', decidedBy: [] })

describe('impact preview grouping', () => {
  it('groups by principal in the summary order, caps both ways and counts what is not shown', () => {
    const gained = [entry('a', 's3:GetObject'), entry('a', 's3:PutObject'), entry('a', 's3:DeleteObject'), entry('b', 's3:GetObject')]
    const view: ImpactView = {
      gained,
      lost: [],
      asked: { principals: 3, actions: 3, resources: 1 },
      totals: { gained: 7, lost: 0, principals: 3 },
      // 'c' was cut from the capped list but is in the summary.
      summary: [{ kind: 'user', name: 'a', gained: 3, lost: 0 }, { kind: 'user', name: 'b', gained: 1, lost: 0 }, { kind: 'user', name: 'c', gained: 3, lost: 0 }],
      truncated: true,
    }
    const side = groupImpact(view, 'gained', 2, 2)
    expect(side.principals.map((row) => [row.name, row.entries.length, row.more])).toEqual([['a', 2, 1], ['b', 1, 0]])
    expect(side).toMatchObject({ morePrincipals: 1, total: 7 })
    expect(groupImpact(view, 'lost').principals).toEqual([])
  })

  it('labels account-wide and conditional entries', () => {
    expect(entryLabel({ ...entry('a', 'admin:CreateUser'), resource: '*' })).toBe('admin:CreateUser (account-wide)')
    expect(entryLabel({ ...entry('a', 's3:GetObject'), after: 'conditional' })).toBe('s3:GetObject on logs/x (none → conditional)')
  })
})
