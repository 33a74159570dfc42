/**
 * The Access keys screen's filters, as pure functions: text (key, name or owner), expiry (never, or
 * within N days — already expired keys included), owner disabled, session policy or inherited.
 * They compose (every chosen filter must match). A fact a row does not carry yet (the session policy
 * before its owner's details are read) never matches a filter that asks for it.
 */

export interface FilterableKey {
  accessKey: string
  user: string
  name?: string | undefined
  expiresAt?: string | undefined
  parentStatus?: 'enabled' | 'disabled' | undefined
  hasSessionPolicy?: boolean | undefined
}

export interface KeyFilter {
  text: string
  expiry: 'any' | 'never' | 'within'
  /** The N of "expiring within N days", as typed. */
  withinDays: string
  isParentDisabled: boolean
  policy: 'any' | 'session' | 'inherited'
}

export const NO_FILTER: KeyFilter = { text: '', expiry: 'any', withinDays: '30', isParentDisabled: false, policy: 'any' }

const DAY_MS = 24 * 60 * 60 * 1000
/** MinIO's longest expiry is 365 days; allow ten years so a typo is still a number. */
export const MAX_WITHIN_DAYS = 3650

/** The typed N as a whole number of days, or an error message saying what to type. */
export function parseWithinDays(text: string): { days: number } | { error: string } {
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed)) return { error: 'Type a whole number of days, e.g. 30.' }
  const days = Number(trimmed)
  if (days < 1 || days > MAX_WITHIN_DAYS) return { error: `Type between 1 and ${MAX_WITHIN_DAYS} days.` }
  return { days }
}

/** Whether the filter needs facts the every-user listing lacks (each key's session policy). */
export function needsKeyFacts(filter: KeyFilter): boolean {
  return filter.policy !== 'any'
}

/** The owners of the keys whose session-policy fact is not read yet, each once, in order. */
export function ownersLackingFacts(keys: readonly FilterableKey[]): string[] {
  return [...new Set(keys.filter((key) => key.hasSessionPolicy === undefined).map((key) => key.user))]
}

function matchesText(key: FilterableKey, text: string): boolean {
  if (!text) return true
  return [key.accessKey, key.name ?? '', key.user].some((field) => field.toLowerCase().includes(text))
}

function matchesExpiry(key: FilterableKey, filter: KeyFilter, now: number): boolean {
  if (filter.expiry === 'any') return true
  if (filter.expiry === 'never') return !key.expiresAt
  const parsed = parseWithinDays(filter.withinDays)
  if ('error' in parsed || !key.expiresAt) return false
  return Date.parse(key.expiresAt) <= now + parsed.days * DAY_MS
}

function matchesPolicy(key: FilterableKey, policy: KeyFilter['policy']): boolean {
  if (policy === 'any') return true
  if (key.hasSessionPolicy === undefined) return false
  return policy === 'session' ? key.hasSessionPolicy : !key.hasSessionPolicy
}

/** Whether one key passes every chosen filter at time `now` (UTC ms). */
export function matchesKey(key: FilterableKey, filter: KeyFilter, now: number): boolean {
  return (
    matchesText(key, filter.text.trim().toLowerCase()) &&
    matchesExpiry(key, filter, now) &&
    (!filter.isParentDisabled || key.parentStatus === 'disabled') &&
    matchesPolicy(key, filter.policy)
  )
}

/** The keys that pass, in their order. */
export function filterKeys<K extends FilterableKey>(keys: readonly K[], filter: KeyFilter, now: number): K[] {
  const isOff = filter.text.trim() === '' && filter.expiry === 'any' && !filter.isParentDisabled && filter.policy === 'any'
  return isOff ? [...keys] : keys.filter((key) => matchesKey(key, filter, now))
}
