import { describe, expect, it } from 'vitest'
import type { Result } from '../../src-main/api/result.ts'
import { inSteps } from './in-steps.ts'

const echo = async (chunk: number[]): Promise<Result<number[]>> => ({ ok: true, value: chunk })

describe('inSteps', () => {
  it('reads the items size at a time, handing each answer on with how many are done', async () => {
    const taken: [number[], number][] = []
    const outcome = await inSteps([1, 2, 3, 4, 5], 2, echo, () => true, (value, done) => taken.push([value, done]))
    expect(outcome).toEqual({ isStale: false, error: null })
    expect(taken).toEqual([[[1, 2], 2], [[3, 4], 4], [[5], 5]])
  })

  it('stops at the first failure with its error, sending no further call', async () => {
    const error = { code: 'MINIO_SLOW', message: 'MinIO did not answer in time.' } as const
    const calls: number[][] = []
    const read = async (chunk: number[]): Promise<Result<number[]>> => (calls.push(chunk), chunk[0] === 3 ? { ok: false, error } : { ok: true, value: chunk })
    const taken: number[] = []
    const outcome = await inSteps([1, 2, 3, 4, 5], 2, read, () => true, (_value, done) => taken.push(done))
    expect(outcome).toEqual({ isStale: false, error })
    expect(calls).toEqual([[1, 2], [3, 4]])
    expect(taken).toEqual([2])
  })

  it('applies nothing more once a newer call owns the screen', async () => {
    let isLatest = true
    const taken: number[] = []
    const outcome = await inSteps([1, 2, 3], 1, async (chunk) => ((isLatest = chunk[0] !== 2), echo(chunk)), () => isLatest, (_value, done) => taken.push(done))
    expect(outcome).toEqual({ isStale: true })
    expect(taken).toEqual([1])
  })

  it('answers at once for no items', async () => {
    expect(await inSteps([], 3, echo, () => true, () => expect.unreachable())).toEqual({ isStale: false, error: null })
  })
})
