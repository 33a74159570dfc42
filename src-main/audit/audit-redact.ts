/**
 * Keeps secrets out of the audit trail. Two lines of defence: any object key that names a secret is
 * replaced whatever its value, and any known in-flight secret value is replaced wherever it appears.
 */
export const REDACTED = '[redacted]'

// Key names that hold secrets in madmin payloads and in our own objects (secretKey, sessionToken,
// password, privateKey, credentials...). Access keys are identifiers, not secrets, and stay.
const SECRET_KEY_NAME = /secret|password|passwd|token|private.?key|credential|signature|authorization/i

// Too-short values would redact innocent text everywhere; MinIO requires secrets of 8+ characters.
const MIN_SENSITIVE_LENGTH = 6

/** Replaces every occurrence of each sensitive value in `text`. */
export function redactText(text: string, sensitive: readonly string[] = []): string {
  let result = text
  for (const value of sensitive) {
    if (value.length >= MIN_SENSITIVE_LENGTH && result.includes(value)) result = result.split(value).join(REDACTED)
  }
  return result
}

/** A deep copy of `value` with secret-named keys and sensitive values replaced. */
export function redactValue(value: unknown, sensitive: readonly string[] = []): unknown {
  if (typeof value === 'string') return redactText(value, sensitive)
  if (Array.isArray(value)) return value.map((item) => redactValue(item, sensitive))
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      copy[redactText(key, sensitive)] = SECRET_KEY_NAME.test(key) ? REDACTED : redactValue(inner, sensitive)
    }
    return copy
  }
  return value
}

/** JSON text of the redacted value, or null when there is no value. */
export function redactedJson(value: unknown, sensitive: readonly string[] = []): string | null {
  if (value === undefined) return null
  return JSON.stringify(redactValue(value, sensitive))
}

/**
 * The endpoint as stored: scheme, host, port and path only. Userinfo (`http://key:secret@host`)
 * and query strings could carry credentials, so they never reach a row.
 */
export function safeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint)
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`
  } catch {
    // Not a URL: keep only what cannot be userinfo.
    return endpoint.replace(/^[^@/]*@/, '').split('?')[0] ?? ''
  }
}
