import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { exists, unlessMissing } from './unless-missing.ts'

describe('unlessMissing / exists', () => {
  it('pass a found value through', async () => {
    expect(await unlessMissing(Promise.resolve({ name: 'alice' }))).toEqual({ name: 'alice' })
    expect(await exists(Promise.resolve(undefined))).toBe(true)
  })

  it('read NOT_FOUND as absent', async () => {
    expect(await unlessMissing(Promise.reject(new AppFailure('NOT_FOUND', "MinIO has no user 'bob'.")))).toBeUndefined()
    expect(await exists(Promise.reject(new AppFailure('NOT_FOUND', "MinIO has no user 'bob'.")))).toBe(false)
  })

  it('let every other failure through', async () => {
    const denied = new AppFailure('MINIO_ACCESS_DENIED', 'denied')
    await expect(unlessMissing(Promise.reject(denied))).rejects.toBe(denied)
    await expect(exists(Promise.reject(denied))).rejects.toBe(denied)
    const bug = new TypeError('a bug')
    await expect(exists(Promise.reject(bug))).rejects.toBe(bug)
  })
})
