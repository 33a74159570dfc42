import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { listGroups } from './groups.service.ts'
import type { IamReader } from './iam-session.ts'

describe('listGroups (groups.list)', () => {
  it('shows a name MinIO lists with only a policy mapping left instead of failing the list', async () => {
    const reader = {
      listGroups: async () => ['devs', 'leftover'],
      getGroup: async (name: string) => {
        if (name === 'leftover') throw new AppFailure('NOT_FOUND', 'no such group')
        return { name, status: 'disabled', members: ['alice'], policies: [] }
      },
    } as unknown as IamReader
    expect(await listGroups(reader)).toEqual([
      { name: 'devs', status: 'disabled', members: ['alice'], policies: [] },
      { name: 'leftover', status: 'enabled', members: [], policies: [] },
    ])
  })

  it('still fails on any other refusal', async () => {
    const reader = { listGroups: async () => ['devs'], getGroup: async () => { throw new AppFailure('MINIO_ACCESS_DENIED', 'denied') } } as unknown as IamReader
    await expect(listGroups(reader)).rejects.toMatchObject({ code: 'MINIO_ACCESS_DENIED' })
  })
})
