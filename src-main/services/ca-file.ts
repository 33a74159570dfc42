import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { AppFailure } from '../api/result.ts'

/** A CA bundle is a few KiB; MinIO's own certs directory holds nothing near this. */
export const CA_FILE_MAX_BYTES = 1024 * 1024
const READ_TIMEOUT_MS = 5_000

/**
 * Reads a connection's CA file: a regular file of at most 1 MiB, read within 5 s. Anything else
 * (/dev/zero, a FIFO, a directory, a stalled network mount) is MINIO_TLS_FAILED saying what to fix,
 * instead of memory filling up or the connection test never returning. O_NONBLOCK keeps open() of
 * a FIFO without writer from blocking; the type is then checked on the opened descriptor (no race).
 */
export async function readCaFile(path: string, timeoutMs = READ_TIMEOUT_MS): Promise<string> {
  const fail = (reason: string) => new AppFailure('MINIO_TLS_FAILED', `Could not read the CA file ${path}: ${reason}. Fix the path in the connection.`, { path })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fail(`it was not read within ${timeoutMs / 1000} s`)), timeoutMs)
  })
  const opening = open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    return await Promise.race([opening.then((handle) => readBounded(handle, fail)), timeout])
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw fail((error as Error).message)
  } finally {
    clearTimeout(timer)
    // Closed whether read, refused or timed out (a late open is closed when it completes).
    void opening.then((handle) => handle.close()).catch(() => undefined)
  }
}

async function readBounded(handle: FileHandle, fail: (reason: string) => AppFailure): Promise<string> {
  const stats = await handle.stat()
  if (!stats.isFile()) throw fail('it is not a regular file (a CA file is a PEM file of certificates)')
  if (stats.size > CA_FILE_MAX_BYTES) throw fail(`it is ${stats.size} bytes, more than the ${CA_FILE_MAX_BYTES} bytes a CA bundle can be`)
  // Read at most one byte past the limit, in case the file grows between stat and read.
  const buffer = Buffer.alloc(CA_FILE_MAX_BYTES + 1)
  let length = 0
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
    if (bytesRead === 0) break
    length += bytesRead
    if (length > CA_FILE_MAX_BYTES) throw fail(`it is more than the ${CA_FILE_MAX_BYTES} bytes a CA bundle can be`)
  }
  return buffer.subarray(0, length).toString('utf8')
}
