import { describe, expect, it } from 'vitest'
import { AdminClient, MUTATING_OPERATIONS, READ_OPERATIONS } from './index.ts'

describe('operation lists', () => {
  it('classify every AdminClient method exactly once (the audit layer relies on it)', () => {
    const methods = Object.getOwnPropertyNames(AdminClient.prototype).filter(
      (name) =>
        name !== 'constructor' &&
        name !== 'close' &&
        typeof Object.getOwnPropertyDescriptor(AdminClient.prototype, name)?.value === 'function',
    )
    const classified = [...MUTATING_OPERATIONS, ...READ_OPERATIONS]
    expect(new Set(classified).size).toBe(classified.length)
    expect([...methods].sort()).toEqual([...classified].sort())
  })
})
