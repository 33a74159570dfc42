import { describe, expect, it } from 'vitest'
import { LatestCall } from './latest-call.ts'

describe('LatestCall', () => {
  it('lets only the newest of overlapping calls apply its answer', async () => {
    const latest = new LatestCall()
    const applied: string[] = []
    const answers = new Map<string, () => void>()
    const load = async (answer: string) => {
      const isLatest = latest.begin()
      await new Promise<void>((resolve) => answers.set(answer, resolve))
      if (isLatest()) applied.push(answer)
    }
    const loads = [load('stale'), load('fresh')]
    // The first (stale) answer arrives last, as when a slow first load overlaps a reload after a change.
    answers.get('fresh')?.()
    answers.get('stale')?.()
    await Promise.all(loads)
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
