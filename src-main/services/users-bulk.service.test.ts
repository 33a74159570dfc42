import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import type { IamReader } from './iam-session.ts'
import { checkAction, reportView } from './users-bulk.service.ts'

const missing = (name: string) => new AppFailure('NOT_FOUND', `no ${name}`)

describe('checkAction (users.bulk, before any change)', () => {
  it('refuses a missing group or policy by name, and reads nothing for enable/disable/delete', async () => {
    const reads: string[] = []
    const reader = {
      getGroup: async (name: string) => { reads.push(`group ${name}`); throw missing(name) },
      getPolicy: async (name: string) => { reads.push(`policy ${name}`); if (name === 'ghost') throw missing(name); return { name, document: {} } },
    } as unknown as IamReader
    await expect(checkAction(reader, { kind: 'addToGroup', group: 'typo' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining("The group 'typo' does not exist") })
    await expect(checkAction(reader, { kind: 'attach', policies: ['readonly', 'ghost'] })).rejects.toMatchObject({ message: expect.stringContaining("The policy 'ghost'") })
    await checkAction(reader, { kind: 'delete' })
    expect(reads).toEqual(['group typo', 'policy readonly', 'policy ghost'])
  })
})

describe('reportView', () => {
  it('counts an "already applied" refusal as skipped, in input order', () => {
    const report = {
      results: [
        { index: 0, label: 'a', status: 'ok' as const },
        { index: 1, label: 'b', status: 'failed' as const, error: { code: 'CONFLICT' as const, message: 'already', details: { minioCode: 'XMinioAdminPolicyChangeAlreadyApplied' } } },
      ],
      progress: { total: 2, done: 2, ok: 1, failed: 1, skipped: 0 },
      isCancelled: false,
    }
    const view = reportView(['alice', 'bob'], report)
    expect(view.results.map((result) => [result.accessKey, result.status])).toEqual([['alice', 'ok'], ['bob', 'skipped']])
    expect(view.totals).toEqual({ total: 2, ok: 1, failed: 0, skipped: 1 })
  })
})
