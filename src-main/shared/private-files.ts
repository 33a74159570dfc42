import { randomBytes } from 'node:crypto'
import { chmodSync, closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'

// The one way Gatehouse makes its files private: the data directory 0700, every file in it 0600,
// whatever the umask (modes are set explicitly after creation, not left to open()'s mode & ~umask).
// The audit WAL holds access keys, endpoints, user names and policies; nobody else may read it.

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

export type Warn = (message: string) => void

const defaultWarn: Warn = (message) => console.warn(`gatehouse: ${message}`)
const isWindows = process.platform === 'win32'

/**
 * Creates `dir` (and missing parents) and makes `dir` itself 0700. An existing directory readable or
 * writable by others is tightened, and `warn` says so.
 */
export function ensurePrivateDir(dir: string, warn: Warn = defaultWarn): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE }) !== undefined
  if (isWindows) return
  const mode = statSync(dir).mode & 0o777
  if (mode === PRIVATE_DIR_MODE) return
  chmodSync(dir, PRIVATE_DIR_MODE)
  if (!created) warn(`${dir} was readable by other users (mode ${octal(mode)}); Gatehouse made it ${octal(PRIVATE_DIR_MODE)}.`)
}

/**
 * Opens `path` with `flags` (e.g. 'wx', 'a') so that a file it creates is 0600 from its first byte:
 * created with mode 0600 and fchmod'ed, because open() applies the umask to the mode. Returns the fd.
 */
export function openPrivateFile(path: string, flags: string): number {
  const descriptor = openSync(path, flags, PRIVATE_FILE_MODE)
  try {
    if (!isWindows) fchmodSync(descriptor, PRIVATE_FILE_MODE)
  } catch (error) {
    closeSync(descriptor)
    throw error
  }
  return descriptor
}

/**
 * Replaces `path` with `text` atomically: a 0600 temp file beside it, flushed, then renamed, so a
 * crash leaves the old file or the new one. The temp file is removed on failure; the error is thrown.
 */
export function writePrivateFileAtomically(path: string, text: string): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const descriptor = openPrivateFile(temporary, 'wx')
    try {
      writeSync(descriptor, text)
      fsyncSync(descriptor)
    } finally {
      closeSync(descriptor)
    }
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/** Creates `path` empty and 0600 when missing, so a library that opens it later (SQLite) finds it private. */
export function touchPrivateFile(path: string): void {
  closeSync(openPrivateFile(path, 'a'))
}

/**
 * Makes an existing regular file 0600; `warn` names it when it was looser. Missing files and
 * non-regular entries (sockets, links) are left alone.
 */
export function tightenPrivateFile(path: string, warn: Warn = defaultWarn): void {
  if (isWindows) return
  let mode: number
  try {
    const stats = lstatSync(path)
    if (!stats.isFile()) return
    mode = stats.mode & 0o777
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  if (mode === PRIVATE_FILE_MODE) return
  chmodSync(path, PRIVATE_FILE_MODE)
  warn(`${path} was readable by other users (mode ${octal(mode)}); Gatehouse made it ${octal(PRIVATE_FILE_MODE)}.`)
}

/**
 * At start: the data directory 0700 and every regular file directly in it 0600, each tightening
 * reported through `warn` (files written by an older version or copied in with a loose umask).
 */
export function securePrivateDir(dir: string, warn: Warn = defaultWarn): void {
  ensurePrivateDir(dir, warn)
  for (const name of readdirSync(dir)) tightenPrivateFile(join(dir, name), warn)
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`
}
