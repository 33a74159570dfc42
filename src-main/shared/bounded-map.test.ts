import { describe, expect, it } from 'vitest'
import { mapBounded } from './bounded-map.ts'

describe('mapBounded', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const result = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (value) => {
      running++
      peak = Math.max(peak, running)
      await Promise.resolve()
      running--
      return value * 2
    })
    expect(result).toEqual([2, 4, 6, 8, 10, 12, 14])
    expect(peak).toBeLessThanOrEqual(3)
  })

  it('starts items in input order and passes each its index', async () => {
    const started: number[] = []
    await mapBounded(['a', 'b', 'c', 'd'], 2, async (item, index) => {
      started.push(index)
      await new Promise((resolve) => setImmediate(resolve))
      return item
    })
    expect(started).toEqual([0, 1, 2, 3])
  })
})
