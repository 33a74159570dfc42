import type { AppError, ErrorCode } from '../api/result.ts'

/** An item's error inside a result (a bulk user, a snapshot step) as a screen shows it. */
export interface ShownError {
  code: ErrorCode
  message: string
}

/** The error without its `details`: those stay in main (they may name more than the screen needs). */
export function showError(error: AppError): ShownError {
  return { code: error.code, message: error.message }
}
