import { describe, expect, it } from 'vitest'
import { markNow } from './perf-marks.ts'

describe('markNow', () => {
  it('keeps one entry per name, at the latest moment', () => {
    const name = 'gatehouse:test-mark'
    markNow(name)
    const first = performance.getEntriesByName(name)[0]?.startTime ?? NaN
    markNow(name)
    const entries = performance.getEntriesByName(name)
    expect(entries).toHaveLength(1)
    expect(entries[0]?.startTime).toBeGreaterThanOrEqual(first)
  })
})
