import { AppFailure } from '../api/result.ts'

// Warn this long before temporary credentials expire: time to fetch new ones before a change fails.
const WARN_BEFORE_MS = 10 * 60_000

/** The expiry a person typed (ISO 8601), normalised; an unreadable time is INVALID_INPUT. */
export function parseSessionExpiry(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  if (!trimmed) return undefined
  const time = Date.parse(trimmed)
  if (Number.isNaN(time)) {
    throw new AppFailure('INVALID_INPUT', `The expiry '${trimmed}' is not a time. Use ISO 8601, e.g. 2026-11-23T18:00:00Z, or leave it empty.`)
  }
  return new Date(time).toISOString()
}

/** A warning when temporary credentials have expired or expire within 10 minutes, else undefined. */
export function sessionExpiryWarning(expiresAt: string | undefined, now = Date.now()): string | undefined {
  if (!expiresAt) return undefined
  const left = Date.parse(expiresAt) - now
  const renew = "Get new ones (e.g. mc idp ldap or your identity provider) and update the connection's access key, secret key and session token."
  if (left <= 0) return `The temporary credentials expired at ${expiresAt}. ${renew}`
  if (left <= WARN_BEFORE_MS) return `The temporary credentials expire at ${expiresAt}, in ${Math.ceil(left / 60_000)} min. ${renew}`
  return undefined
}
