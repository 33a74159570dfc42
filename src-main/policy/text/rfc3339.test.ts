import { describe, expect, it } from 'vitest'
import { rfc3339Error } from './rfc3339-error.ts'
import { compareInstants, formatRfc3339Seconds, parseRfc3339 } from './rfc3339.ts'

describe('parseRfc3339 (Go time.Parse with time.RFC3339)', () => {
  it('accepts what Go accepts', () => {
    for (const text of ['2030-01-01T00:00:00Z', '2030-01-01T1:00:00Z', '2030-01-01T00:00:00,5Z', '2030-01-01T00:00:00.1234567891Z', '2030-01-01T00:00:00+24:00', '2024-02-29T00:00:00Z', '0000-01-01T00:00:00Z']) {
      expect(parseRfc3339(text), text).toBeDefined()
    }
  })

  it('rejects what Go rejects', () => {
    for (const text of ['2030-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2030-01-01T24:00:00Z', '2030-01-01t00:00:00z', '2030-01-01 00:00:00Z', '2030-01-01T00:00:00+0100', '2030-01-01T00:00:60Z', '2030-01-01T00:00:00+25:00', '']) {
      expect(parseRfc3339(text), text).toBeUndefined()
    }
  })

  it('compares instants, not text', () => {
    const earlier = parseRfc3339('2030-01-01T01:00:00+02:00')!
    const later = parseRfc3339('2030-01-01T00:00:00Z')!
    expect(compareInstants(earlier, later)).toBe(-1)
    expect(compareInstants(parseRfc3339('2030-01-01T00:00:00.000000001Z')!, later)).toBe(1)
  })

  it('formats whole seconds in the written zone, like Format(RFC3339)', () => {
    expect(formatRfc3339Seconds('2030-01-01T1:02:03.9+00:00')).toBe('2030-01-01T01:02:03Z')
    expect(formatRfc3339Seconds('2030-01-01T01:02:03-05:30')).toBe('2030-01-01T01:02:03-05:30')
  })

  it("words errors like Go's layout parser", () => {
    expect(rfc3339Error('10')).toBe('parsing time "10" as "2006-01-02T15:04:05Z07:00": cannot parse "10" as "2006"')
    expect(rfc3339Error('2030-13-01T00:00:00Z')).toBe('parsing time "2030-13-01T00:00:00Z": month out of range')
    expect(rfc3339Error('2030-02-30T00:00:00Z')).toBe('parsing time "2030-02-30T00:00:00Z": day out of range')
    expect(rfc3339Error('2030-01-01T00:00:00Zjunk')).toBe('parsing time "2030-01-01T00:00:00Zjunk": extra text: "junk"')
    expect(rfc3339Error('é')).toBe('parsing time "\\xc3\\xa9" as "2006-01-02T15:04:05Z07:00": cannot parse "\\xc3\\xa9" as "2006"')
  })
})
