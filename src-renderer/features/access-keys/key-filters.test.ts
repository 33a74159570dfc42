import { describe, expect, it } from 'vitest'
import { filterKeys, matchesKey, needsKeyFacts, NO_FILTER, ownersLackingFacts, parseWithinDays, type FilterableKey, type KeyFilter } from './key-filters.ts'

const now = Date.parse('2026-12-02T12:00:00Z')
const inDays = (days: number) => new Date(now + days * 86_400_000).toISOString()
const keys: FilterableKey[] = [
  { accessKey: 'AKNEVER', user: 'ann', name: 'backup', parentStatus: 'enabled', hasSessionPolicy: false },
  { accessKey: 'AKSOON', user: 'ann', expiresAt: inDays(3), parentStatus: 'enabled', hasSessionPolicy: true },
  { accessKey: 'AKLATER', user: 'bob', expiresAt: inDays(90), parentStatus: 'disabled', hasSessionPolicy: false },
  { accessKey: 'AKGONE', user: 'bob', expiresAt: inDays(-1), parentStatus: 'disabled' },
  { accessKey: 'AKUNKNOWN', user: 'cid' },
]
const shown = (filter: Partial<KeyFilter>) => filterKeys(keys, { ...NO_FILTER, ...filter }, now).map((key) => key.accessKey)

describe('access key filters', () => {
  it('shows everything without a filter, in order', () => {
    expect(shown({})).toEqual(keys.map((key) => key.accessKey))
  })

  it('text matches key, name or owner, case-insensitively', () => {
    expect(shown({ text: 'BACK' })).toEqual(['AKNEVER'])
    expect(shown({ text: ' bob ' })).toEqual(['AKLATER', 'AKGONE'])
    expect(shown({ text: 'aksoon' })).toEqual(['AKSOON'])
  })

  it('no expiry; expiring within N days includes the already expired, not the later ones', () => {
    expect(shown({ expiry: 'never' })).toEqual(['AKNEVER', 'AKUNKNOWN'])
    expect(shown({ expiry: 'within', withinDays: '7' })).toEqual(['AKSOON', 'AKGONE'])
    expect(shown({ expiry: 'within', withinDays: '90' })).toEqual(['AKSOON', 'AKLATER', 'AKGONE'])
  })

  it('a bad N matches nothing and says what to type', () => {
    expect(shown({ expiry: 'within', withinDays: 'soon' })).toEqual([])
    expect(parseWithinDays('soon')).toEqual({ error: 'Type a whole number of days, e.g. 30.' })
    expect(parseWithinDays('0')).toHaveProperty('error')
    expect(parseWithinDays('99999')).toHaveProperty('error')
    expect(parseWithinDays(' 14 ')).toEqual({ days: 14 })
  })

  it('owner disabled', () => {
    expect(shown({ isParentDisabled: true })).toEqual(['AKLATER', 'AKGONE'])
  })

  it('session policy vs inherited; a key whose facts are not read yet matches neither', () => {
    expect(shown({ policy: 'session' })).toEqual(['AKSOON'])
    expect(shown({ policy: 'inherited' })).toEqual(['AKNEVER', 'AKLATER'])
    expect(needsKeyFacts({ ...NO_FILTER, policy: 'session' })).toBe(true)
    expect(needsKeyFacts(NO_FILTER)).toBe(false)
    expect(ownersLackingFacts(keys)).toEqual(['bob', 'cid'])
  })

  it('filters compose: every chosen one must match', () => {
    expect(shown({ isParentDisabled: true, policy: 'inherited' })).toEqual(['AKLATER'])
    expect(shown({ isParentDisabled: true, expiry: 'within', withinDays: '30' })).toEqual(['AKGONE'])
    expect(shown({ text: 'ann', expiry: 'never', policy: 'inherited' })).toEqual(['AKNEVER'])
    expect(matchesKey(keys[1] as FilterableKey, { ...NO_FILTER, text: 'ann', policy: 'inherited' }, now)).toBe(false)
  })
})
