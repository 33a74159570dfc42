/**
 * The Result envelope every answer across the boundary is (dispatch, browser mode's refusals, the
 * preload's). Services and handlers throw AppFailure for an expected failure, with a code from one
 * closed set; dispatch() turns it into the Result (appErrorOf), and a bug into INTERNAL.
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

/** An expected failure, thrown by a service or handler; dispatch() turns it into the Result's error. */
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

/**
 * The one conversion of a thrown value into an AppError. An AppFailure keeps its code, message and
 * details; anything else is a bug, handed to `onBug`, which reports it its own way and returns the
 * error to show (dispatch: logged with a correlation id, INTERNAL) or rethrows it.
 */
export function appErrorOf(error: unknown, onBug: (bug: unknown) => AppError): AppError {
  return error instanceof AppFailure ? error.toError() : onBug(error)
}
