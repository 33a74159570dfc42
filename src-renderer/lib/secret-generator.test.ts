import { describe, expect, it } from 'vitest'
import { generateSecret } from './secret-generator.ts'

describe('generateSecret', () => {
  it('makes a 40-character secret of letters and digits by default', () => {
    expect(generateSecret()).toMatch(/^[A-Za-z0-9]{40}$/)
  })

  it('makes exactly the length asked for, a new one each time', () => {
    const secrets = Array.from({ length: 50 }, () => generateSecret(12))
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9]{12}$/)
    expect(new Set(secrets).size).toBe(secrets.length)
  })

  it('uses the whole alphabet', () => {
    const seen = new Set(generateSecret(5000))
    expect(seen.size).toBe(62)
  })
})
