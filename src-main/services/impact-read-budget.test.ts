import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { withinReadBudget } from './impact.service.ts'

describe('the impact preview read budget', () => {
  it('answers MINIO_SLOW, naming the budget, when the server read outlasts it', async () => {
    const failure = await withinReadBudget(new Promise(() => {}), 20).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).code).toBe('MINIO_SLOW')
    expect((failure as AppFailure).message).toContain('took over 0.02 s')
  })

  it('passes a read that finishes in time through, and its failure too', async () => {
    await expect(withinReadBudget(Promise.resolve('model'), 1_000)).resolves.toBe('model')
    await expect(withinReadBudget(Promise.reject(new AppFailure('MINIO_UNREACHABLE', 'down')), 1_000)).rejects.toMatchObject({ code: 'MINIO_UNREACHABLE' })
  })
})
