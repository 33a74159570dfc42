import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, toFilter } from './audit-filter.ts'

describe('toFilter', () => {
  it('leaves out everything empty', () => {
    expect(toFilter({ ...EMPTY_FILTER, search: '   ', target: ' ' })).toEqual({})
  })

  it('trims words, keeps the outcome and reads datetime-local values as local time', () => {
    const filter = toFilter({ ...EMPTY_FILTER, since: '2026-11-23T09:30', actionPrefix: ' policy. ', target: 'logs-rw', outcome: 'error', search: ' alice ' })
    expect(filter).toEqual({ since: new Date(2026, 10, 23, 9, 30).getTime(), actionPrefix: 'policy.', target: 'logs-rw', outcome: 'error', search: 'alice' })
  })

  it('ignores a time it cannot read rather than sending NaN', () => {
    expect(toFilter({ ...EMPTY_FILTER, until: 'not a time' })).toEqual({})
  })
})
