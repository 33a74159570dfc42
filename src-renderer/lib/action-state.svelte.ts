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
