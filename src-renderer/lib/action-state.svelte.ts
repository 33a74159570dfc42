import type { AppError, Result } from '../../src-main/api/result.ts'

/**
 * Busy flag and last error of a screen's actions: `run` awaits one contract call, records its
 * error for an ErrorNotice, and returns the value (or null on failure). Never throws.
 */
export class ActionState {
  busy = $state(false)
  error = $state<{ title: string; error: AppError } | null>(null)

  async run<T>(title: string, call: () => Promise<Result<T>>): Promise<T | null> {
    this.busy = true
    this.error = null
    try {
      const result = await call()
      if (!result.ok) {
        this.error = { title, error: result.error }
        return null
      }
      return result.value
    } finally {
      this.busy = false
    }
  }

  clear(): void {
    this.error = null
  }
}

/** A random secret for a new user (40 characters, the length MinIO generates for access keys). */
export function generateSecret(length = 40): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  // 248 = 4 × 62: rejecting bytes above it keeps every character equally likely.
  let out = ''
  for (const byte of bytes) if (byte < 248) out += alphabet[byte % 62]
  return out.length >= length ? out.slice(0, length) : out + generateSecret(length - out.length)
}
