import { describe, expect, it } from 'vitest'
import { minimalChange } from './minimal-change.ts'

function apply(before: string, change: { from: number; to: number; insert: string }): string {
  return before.slice(0, change.from) + change.insert + before.slice(change.to)
}

describe('minimalChange', () => {
  it('replaces only what differs, and its application gives the new text', () => {
    expect(minimalChange('["a", "b"]', '["a"]')).toEqual({ from: 4, to: 9, insert: '' })
    expect(minimalChange('abc', 'abXc')).toEqual({ from: 2, to: 2, insert: 'X' })
    for (const [before, after] of [['', 'x'], ['x', ''], ['aaa', 'aa'], ['same', 'same'], ['{"a":1}', '{"b":2}']] as const) {
      expect(apply(before, minimalChange(before, after))).toBe(after)
    }
  })
})
