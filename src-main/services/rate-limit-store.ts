import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ensurePrivateDir, tightenPrivateFile, touchPrivateFile } from '../shared/private-files.ts'

export const RATE_LIMIT_FILE_NAME = 'rate-limits.sqlite'

/** Event kinds counted per profile. */
export type RateKind = 'validation' | 'auth-failure'

/**
 * Sliding windows of events per profile in `<dataDir>/rate-limits.sqlite`, shared by every
 * Gatehouse process on the data directory (app, browser mode, parallel CLI runs). Each take is one
 * IMMEDIATE transaction (SQLite's write lock): count and insert cannot interleave across processes,
 * which the read-modify-write JSON file before it allowed (16 parallel tests, 13 passed a limit of 10).
 */
export class RateLimitStore {
  #db: Database.Database | undefined

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records one `kind` event for `profileId` if fewer than `limit` are in the last `windowMs`;
   * otherwise records nothing and returns the milliseconds until the oldest one leaves the window.
   */
  take(kind: RateKind, profileId: string, limit: number, windowMs: number): { ok: true } | { ok: false; count: number; retryInMs: number } {
    const db = this.#open()
    return db.transaction(() => {
      const now = this.now()
      db.prepare('DELETE FROM events WHERE kind = ? AND at <= ?').run(kind, now - windowMs)
      const { count, oldest } = this.#window(kind, profileId, windowMs, now)
      if (count >= limit) return { ok: false as const, count, retryInMs: oldest + windowMs - now }
      db.prepare('INSERT INTO events (profile_id, kind, at) VALUES (?, ?, ?)').run(profileId, kind, now)
      return { ok: true as const }
    }).immediate()
  }

  /** Records an event unconditionally (an authentication failure that happened). */
  record(kind: RateKind, profileId: string): void {
    this.#open().prepare('INSERT INTO events (profile_id, kind, at) VALUES (?, ?, ?)').run(profileId, kind, this.now())
  }

  /** Events of `kind` in the window, and when the oldest happened. */
  count(kind: RateKind, profileId: string, windowMs: number): { count: number; retryInMs: number } {
    const now = this.now()
    const { count, oldest } = this.#window(kind, profileId, windowMs, now)
    return { count, retryInMs: oldest + windowMs - now }
  }

  /** Forgets `profileId`'s events (all kinds, or one). */
  forget(profileId: string, kind?: RateKind): void {
    const db = this.#open()
    if (kind) db.prepare('DELETE FROM events WHERE profile_id = ? AND kind = ?').run(profileId, kind)
    else db.prepare('DELETE FROM events WHERE profile_id = ?').run(profileId)
  }

  close(): void {
    if (this.#db?.open) this.#db.close()
    this.#db = undefined
  }

  #window(kind: RateKind, profileId: string, windowMs: number, now: number): { count: number; oldest: number } {
    const row = this.#open().prepare('SELECT COUNT(*) AS count, MIN(at) AS oldest FROM events WHERE profile_id = ? AND kind = ? AND at > ?').get(profileId, kind, now - windowMs) as { count: number; oldest: number | null }
    return { count: row.count, oldest: row.oldest ?? now }
  }

  #open(): Database.Database {
    if (this.#db) return this.#db
    ensurePrivateDir(this.dataDir)
    const path = join(this.dataDir, RATE_LIMIT_FILE_NAME)
    touchPrivateFile(path)
    const db = new Database(path, { timeout: 10_000 })
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE IF NOT EXISTS events (profile_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL); CREATE INDEX IF NOT EXISTS events_by_profile ON events (profile_id, kind, at)')
    for (const file of [path, `${path}-wal`, `${path}-shm`]) tightenPrivateFile(file)
    this.#db = db
    return db
  }
}
