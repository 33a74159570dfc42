import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { runBulk, streamBulk, type BulkEvent } from './bulk-runner.ts'

const numbers = Array.from({ length: 100 }, (_, index) => index + 1)
const label = (item: number) => `item ${item}`

describe('runBulk', () => {
  it('reports a failure in the middle and still runs every other item', async () => {
    const seen: number[] = []
    const report = await runBulk(numbers, {
      label,
      run: async (item) => {
        seen.push(item)
        if (item === 37) throw new AppFailure('INVALID_INPUT', 'item 37 is invalid')
        return item * 2
      },
    })
    expect(seen.sort((a, b) => a - b)).toEqual(numbers)
    expect(report.progress).toEqual({ total: 100, done: 100, ok: 99, failed: 1, skipped: 0 })
    expect(report.results[36]).toMatchObject({ index: 36, label: 'item 37', status: 'failed', error: { code: 'INVALID_INPUT', message: 'item 37 is invalid' } })
    expect(report.results[37]).toMatchObject({ status: 'ok', value: 76 })
    expect(report.isCancelled).toBe(false)
  })

  it('never has more items in flight than the concurrency', async () => {
    let inFlight = 0
    let peak = 0
    await runBulk(numbers, {
      label,
      run: async () => {
        peak = Math.max(peak, ++inFlight)
        await new Promise((resolve) => setImmediate(resolve))
        inFlight--
      },
    }, { concurrency: 3 })
    expect(peak).toBe(3)
  })

  it('on abort starts nothing new, lets started items finish and skips the rest as CANCELLED', async () => {
    const controller = new AbortController()
    const started: number[] = []
    const report = await runBulk(numbers, {
      label,
      run: async (item) => {
        started.push(item)
        if (item === 10) controller.abort()
        await new Promise((resolve) => setImmediate(resolve))
        return item
      },
    }, { concurrency: 2, signal: controller.signal })
    expect(report.isCancelled).toBe(true)
    expect(started.length).toBeLessThanOrEqual(11)
    expect(report.results.filter((result) => result.status === 'ok').map((result) => result.value)).toEqual(started.sort((a, b) => a - b))
    const skipped = report.results.filter((result) => result.status === 'skipped')
    expect(skipped).toHaveLength(100 - started.length)
    expect(skipped.every((result) => result.error?.code === 'CANCELLED' && result.error.message.includes('nothing was sent'))).toBe(true)
  })

  it('halts after 3 unreachable failures in a row and skips the rest explicitly', async () => {
    const report = await runBulk(numbers, {
      label,
      run: async (item) => {
        if (item >= 50) throw new AppFailure('MINIO_UNREACHABLE', 'connection refused')
        return item
      },
    }, { concurrency: 1 })
    expect(report.progress).toMatchObject({ ok: 49, failed: 3, skipped: 48 })
    expect(report.haltedBecause).toMatchObject({ code: 'MINIO_UNREACHABLE', message: expect.stringMatching(/^MINIO_UNREACHABLE on item 52/) })
    expect(report.results[99]).toMatchObject({ status: 'skipped', error: { code: 'MINIO_UNREACHABLE' } })
    expect(report.results[99]?.error?.message).toMatch(/Nothing was sent for it/)
  })

  it('does not halt on one unreachable item between successes', async () => {
    const report = await runBulk(numbers, {
      label,
      run: async (item) => {
        if (item % 10 === 0) throw new AppFailure('MINIO_UNREACHABLE', 'reset')
        return item
      },
    }, { concurrency: 1 })
    expect(report.progress).toMatchObject({ ok: 90, failed: 10, skipped: 0 })
    expect(report.haltedBecause).toBeUndefined()
  })

  it('turns a bug in an item into an INTERNAL result, not a rejected run', async () => {
    const report = await runBulk([1, 2], { label, run: async (item) => { if (item === 1) throw new TypeError('boom'); return item } })
    expect(report.results[0]).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', message: 'Unexpected error on item 1: boom' } })
    expect(report.results[1]).toMatchObject({ status: 'ok' })
  })

  it('emits one progress event per item, ending at the total', async () => {
    const events: BulkEvent<number>[] = []
    await runBulk(numbers.slice(0, 5), { label, run: async (item) => item }, { onItem: (event) => events.push(event) })
    expect(events.map((event) => event.progress.done)).toEqual([1, 2, 3, 4, 5])
    expect(events.at(-1)?.progress).toEqual({ total: 5, done: 5, ok: 5, failed: 0, skipped: 0 })
  })

  it('streams the same events as an async iterator', async () => {
    const { events, report } = streamBulk(numbers.slice(0, 20), { label, run: async (item) => item }, { concurrency: 4 })
    const labels: string[] = []
    for await (const event of events) labels.push(event.result.label)
    expect(labels.sort()).toEqual(numbers.slice(0, 20).map(label).sort())
    expect((await report).progress.ok).toBe(20)
  })

  it('handles an empty list', async () => {
    const report = await runBulk([], { label, run: async () => 1 })
    expect(report).toMatchObject({ results: [], progress: { total: 0, done: 0 }, isCancelled: false })
  })
})
