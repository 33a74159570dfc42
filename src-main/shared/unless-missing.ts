/**
 * A read of something that may not be there: MinIO's "no such user / group / policy / key" is
 * NOT_FOUND (minio/failures), and where absence is an answer rather than a failure the callers
 * take it here. Every other failure propagates.
 */
import { AppFailure } from '../api/result.ts'

/** The read's value, or undefined when what it reads does not exist (NOT_FOUND). */
export async function unlessMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'NOT_FOUND') return undefined
    throw error
  }
}

/** True when the read finds its subject, false on NOT_FOUND; other failures propagate. */
export async function exists(read: Promise<unknown>): Promise<boolean> {
  try {
    await read
    return true
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'NOT_FOUND') return false
    throw error
  }
}
