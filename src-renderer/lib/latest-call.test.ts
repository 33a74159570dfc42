import { describe, expect, it } from 'vitest'
import { LatestCall } from './latest-call.ts'

describe('LatestCall', () => {
  it('lets only the newest of overlapping calls apply its answer', async () => {
    const latest = new LatestCall()
    const applied: string[] = []
    const load = async (answer: string, delayMs: number) => {
      const isLatest = latest.begin()
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      if (isLatest()) applied.push(answer)
    }
    // The first (stale) answer arrives last, as when a slow first load overlaps a reload after a change.
    await Promise.all([load('stale', 30), load('fresh', 5)])
    expect(applied).toEqual(['fresh'])
  })

  it('applies every answer of calls that do not overlap', async () => {
    const latest = new LatestCall()
    const first = latest.begin()
    expect(first()).toBe(true)
    const second = latest.begin()
    expect([first(), second()]).toEqual([false, true])
  })
})
