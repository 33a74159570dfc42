import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppFailure } from '../api/result.ts'
import { resolveDataDir } from '../shared/data-dir.ts'
import { ensurePrivateDir, tightenPrivateFile, touchPrivateFile } from '../shared/private-files.ts'
import { migrate } from './migrations.ts'

export const AUDIT_FILE_NAME = 'audit.sqlite'

export interface OpenOptions {
  /**
   * 'full' fsyncs every commit, so an intent survives a power cut before the server call is made
   * (the app's default). 'normal' survives a process crash only; the benchmark and bulk imports use it.
   */
  durability?: 'full' | 'normal'
  /** How long a writer waits for another instance's transaction before giving up. */
  busyTimeoutMs?: number
  readonly?: boolean
}

/** The audit database file in the app's data directory (honours GATEHOUSE_DATA_DIR). */
export function auditDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolveDataDir(env), AUDIT_FILE_NAME)
}

/**
 * Opens (creating if needed) the audit database: WAL, chosen durability, migrations applied.
 * Two instances may open one file: every append is an IMMEDIATE transaction that reads the chain tip
 * under SQLite's write lock, so their entries interleave into one valid chain.
 * Throws AppFailure AUDIT_UNAVAILABLE when the directory or file cannot be created or written.
 */
export function openAuditDatabase(path: string, options: OpenOptions = {}): Database.Database {
  try {
    if (!options.readonly) {
      // SQLite creates the database 0644 and gives its -wal and -shm the database's mode: a 0600
      // database made before SQLite opens it keeps all three private.
      ensurePrivateDir(dirname(path))
      touchPrivateFile(path)
    }
    const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: options.busyTimeoutMs ?? 10_000 })
    if (options.readonly) return db
    // Must precede the first table, so retention can hand freed pages back to the file system.
    db.pragma('auto_vacuum = INCREMENTAL')
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`journal mode is '${String(mode)}', not 'wal'`)
    db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`)
    migrate(db)
    for (const file of [path, `${path}-wal`, `${path}-shm`]) tightenPrivateFile(file)
    // Lets the planner learn the indexes' selectivity (SQLite's advice for long-lived connections).
    db.pragma('optimize = 0x10002')
    return db
  } catch (error) {
    throw auditUnavailable(error, path, 'opening the audit trail')
  }
}

const STORAGE_ERRORS = /^(SQLITE_(READONLY|CANTOPEN|FULL|IOERR|BUSY|LOCKED|PERM|NOTADB|CORRUPT)|EACCES|EROFS|ENOSPC|EPERM|ENOTDIR|EEXIST|ENOENT)/

/** True for failures of the storage (disk full, read-only, locked, unreadable), not bugs. */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && STORAGE_ERRORS.test(code)
}

const NO_UNAUDITED_CHANGE = 'Gatehouse sends no change to a server that it cannot audit.'

/**
 * An actionable AUDIT_UNAVAILABLE failure for a storage error; other errors pass through unchanged
 * (they are bugs and must surface as such). `consequence` ends the message.
 */
export function auditUnavailable(error: unknown, path: string, doing: string, consequence = NO_UNAUDITED_CHANGE): unknown {
  if (error instanceof AppFailure) return error
  if (!isStorageError(error) && !(error instanceof Error && /journal mode/.test(error.message))) return error
  const reason = error instanceof Error ? error.message : String(error)
  const code = String((error as { code?: unknown }).code ?? '')
  const advice = /BUSY|LOCKED/.test(code)
    ? 'Another process holds its write lock (a hung Gatehouse instance or a database tool); close it and retry.'
    : 'Free disk space or make the data directory writable (or point GATEHOUSE_DATA_DIR elsewhere).'
  return new AppFailure('AUDIT_UNAVAILABLE', `The audit trail at ${path} failed while ${doing} (${reason}). ${advice} ${consequence}`.trim(), { path })
}
