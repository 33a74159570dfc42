import { describe, expect, it } from 'vitest'
import { sortKeys, stableJson } from './stable-json.ts'

describe('stableJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }, 3] })).toBe('{"a":[{"c":2,"d":1},3],"b":1}')
    expect(stableJson({ a: 1, b: 2 })).toBe(stableJson({ b: 2, a: 1 }))
  })

  it('keeps a __proto__ key as data', () => {
    const value = sortKeys(JSON.parse('{"__proto__":{"polluted":true},"a":1}')) as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(stableJson(value)).toBe('{"__proto__":{"polluted":true},"a":1}')
  })
})
