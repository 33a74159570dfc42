import { describe, expect, it } from 'vitest'
import { impactContract } from './impact.contract.ts'

const input = impactContract['access.impact'].input

describe('access.impact input', () => {
  it('is strict at every level, as the change kinds are', () => {
    const change = { kind: 'accessKeyPolicy', accessKey: 'k', policy: { mode: 'inherit' } }
    expect(input.safeParse({ connectionId: 'c', change }).success).toBe(true)
    expect(input.safeParse({ connectionId: 'c', change: { ...change, policy: { mode: 'inherit', text: 'x' } } }).success).toBe(false)
    expect(input.safeParse({ connectionId: 'c', change: { ...change, policy: { mode: 'set', text: '{}', extra: 1 } } }).success).toBe(false)
    expect(input.safeParse({ connectionId: 'c', change, extra: true }).success).toBe(false)
  })

  it('bounds every list and text', () => {
    const users = Array.from({ length: 1001 }, (_, index) => `u${index}`)
    expect(input.safeParse({ connectionId: 'c', change: { kind: 'deleteUsers', users } }).success).toBe(false)
    expect(input.safeParse({ connectionId: 'c', change: { kind: 'putPolicy', name: 'p', text: 'x'.repeat(20_481) } }).success).toBe(false)
  })
})
