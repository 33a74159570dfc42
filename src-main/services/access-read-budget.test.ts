import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { withinAccessBudget } from './access.service.ts'

describe('the read budget of who-can and the matrix', () => {
  it('answers MINIO_SLOW naming the question and the read under way, and marks the read abandoned', async () => {
    let seen: { step: string; abandoned?: boolean } | undefined
    const failure = await withinAccessBudget('who may s3:GetObject on b/k', (progress) => {
      seen = progress
      progress.step = 'the access keys of 2,000 users in reach (list-service-accounts, one encrypted call per user)'
      return new Promise(() => {})
    }, 20).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).code).toBe('MINIO_SLOW')
    expect((failure as AppFailure).message).toBe('No answer to who may s3:GetObject on b/k: reading the access keys of 2,000 users in reach (list-service-accounts, one encrypted call per user) took over 0.02 s on this deployment. Ask a narrower question (a more specific resource), or try again when the server is less busy.')
    expect(seen?.abandoned).toBe(true)
  })

  it('passes a read that finishes in time through, and its failure too', async () => {
    await expect(withinAccessBudget('q', async () => 'model', 1_000)).resolves.toBe('model')
    await expect(withinAccessBudget('q', async () => { throw new AppFailure('MINIO_UNREACHABLE', 'down') }, 1_000)).rejects.toMatchObject({ code: 'MINIO_UNREACHABLE' })
  })

  it('with no budget (the CLI) waits for a read slower than any budget', async () => {
    const slow = new Promise<string>((resolve) => setTimeout(() => resolve('model'), 60))
    await expect(withinAccessBudget('q', () => slow, null)).resolves.toBe('model')
    await expect(withinAccessBudget('q', () => new Promise((resolve) => setTimeout(() => resolve('model'), 60)), 20)).rejects.toMatchObject({ code: 'MINIO_SLOW' })
  })
})
