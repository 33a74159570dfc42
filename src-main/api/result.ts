/**
 * The Result envelope every service and every contract handler returns. Expected failures are
 * values with a code from one closed set; only bugs throw, and the boundary turns those into INTERNAL.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_CONNECTED',
  'MINIO_UNREACHABLE',
  /** MinIO took the request and has not answered within the deadline (not a network fault). */
  'MINIO_SLOW',
  'MINIO_TLS_FAILED',
  'MINIO_AUTH_FAILED',
  'MINIO_ACCESS_DENIED',
  'MINIO_NOT_ADMIN_API',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'KEYCHAIN_UNAVAILABLE',
  'VAULT_LOCKED',
  'VAULT_CORRUPT',
  'AUDIT_UNAVAILABLE',
  'CANCELLED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppError {
  code: ErrorCode
  message: string
  /** Optional structured detail a UI may show (e.g. entities still using a policy). Never a secret. */
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<T> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } }
}

/** An expected failure raised deep inside a service; `toResult` turns it back into a value. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppFailure'
  }

  toError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** Runs an async service body and returns its Result; AppFailure becomes its error, anything else rethrows. */
export async function toResult<T>(body: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await body())
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.toError() }
    throw error
  }
}
