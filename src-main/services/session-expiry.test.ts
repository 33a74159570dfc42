import { describe, expect, it } from 'vitest'
import { parseSessionExpiry, sessionExpiryWarning } from './session-expiry.ts'

describe('session expiry', () => {
  const now = Date.parse('2026-11-23T12:00:00Z')

  it('normalises a typed ISO time and refuses one that is not a time', () => {
    expect(parseSessionExpiry(' 2026-11-23T13:00:00+01:00 ')).toBe('2026-11-23T12:00:00.000Z')
    expect(parseSessionExpiry('')).toBeUndefined()
    expect(() => parseSessionExpiry('tomorrow-ish')).toThrow(/The expiry 'tomorrow-ish' is not a time\. Use ISO 8601/)
  })

  it('warns within 10 minutes of the expiry and after it, not before', () => {
    expect(sessionExpiryWarning('2026-11-23T12:10:01.000Z', now)).toBeUndefined()
    expect(sessionExpiryWarning('2026-11-23T12:10:00.000Z', now)).toMatch(/expire at 2026-11-23T12:10:00.000Z, in 10 min\. Get new ones/)
    expect(sessionExpiryWarning('2026-11-23T12:00:00.000Z', now)).toMatch(/expired at 2026-11-23T12:00:00.000Z\. Get new ones/)
    expect(sessionExpiryWarning(undefined, now)).toBeUndefined()
  })
})
