import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { AppFailure } from '../api/result.ts'
import { chainHash, readAnchor, verifyChain, verifyChainAsync, type UnhashedEntry } from './audit-chain.ts'
import { auditUnavailable, openAuditDatabase, type OpenOptions } from './audit-database.ts'
import { redactText, redactedJson, safeEndpoint } from './audit-redact.ts'
import type { AuditIntent, VerifyReport } from './audit.types.ts'

/** An intent that has been written and awaits its completion. */
export interface PendingEvent {
  readonly eventId: string
  readonly seq: number
  readonly startedAt: number
  readonly sensitive: readonly string[]
}

export type CompletionOutcome = { kind: 'ok' } | { kind: 'error'; code: string; message: string }

export interface TrailOptions extends OpenOptions {
  /** UTC milliseconds; tests pass a fixed clock. */
  now?: () => number
}

const INSERT_SQL = `INSERT INTO entries (seq, kind, event_id, time_ms, connection_id, connection_name, connection_endpoint,
  actor, action, target_type, target, before_json, details_json, intent_seq, outcome, error_code, error_message,
  duration_ms, after_json, hash) VALUES (@seq, @kind, @event_id, @time_ms, @connection_id, @connection_name,
  @connection_endpoint, @actor, @action, @target_type, @target, @before_json, @details_json, @intent_seq, @outcome,
  @error_code, @error_message, @duration_ms, @after_json, @hash)`

/**
 * The append-only audit trail in one SQLite file. Entries are only ever appended (the retention path
 * in audit-retention.ts is the single exception). Every storage failure surfaces as AppFailure
 * AUDIT_UNAVAILABLE, and `recordChange` never runs its server call when the intent cannot be written.
 */
export class AuditTrail {
  readonly #db: Database.Database
  readonly #now: () => number
  readonly #insert: Database.Statement
  readonly #tip: Database.Statement<[], { seq: number; hash: string; time_ms: number }>
  readonly #append: (entry: Omit<UnhashedEntry, 'seq'>) => { seq: number; time: number }

  private constructor(
    readonly path: string,
    db: Database.Database,
    now: () => number,
  ) {
    this.#db = db
    this.#now = now
    this.#insert = db.prepare(INSERT_SQL)
    this.#tip = db.prepare('SELECT seq, hash, time_ms FROM entries ORDER BY seq DESC LIMIT 1')
    const append = db.transaction((entry: Omit<UnhashedEntry, 'seq'>) => this.#appendInLock(entry))
    // IMMEDIATE takes the write lock before reading the tip, so two instances never fork the chain.
    this.#append = (entry) => append.immediate(entry)
  }

  /** Opens the trail at `path`. Throws AppFailure AUDIT_UNAVAILABLE if it cannot be opened for writing. */
  static open(path: string, options: TrailOptions = {}): AuditTrail {
    return new AuditTrail(path, openAuditDatabase(path, options), options.now ?? Date.now)
  }

  /** The connection, for the query, export and retention modules of this folder. */
  get database(): Database.Database {
    return this.#db
  }

  close(): void {
    if (this.#db.open) this.#db.close()
  }

  /** Checks the whole hash chain; see audit-chain.ts. */
  verify(): VerifyReport {
    return verifyChain(this.#db)
  }

  /** The same check, yielding between pages of 5,000 entries (for the app's main process). */
  verifyAsync(): Promise<VerifyReport> {
    return verifyChainAsync(this.#db)
  }

  // Times never go backwards along the chain (a clock step or a second instance is clamped to the
  // tip's time), so a time range maps onto a seq range and queries stay fast; verify checks it.
  #appendInLock(entry: Omit<UnhashedEntry, 'seq'>): { seq: number; time: number } {
    const tip = this.#tip.get() ?? { ...readAnchor(this.#db), time_ms: 0 }
    const full: UnhashedEntry = { ...entry, seq: tip.seq + 1, time_ms: Math.max(entry.time_ms, tip.time_ms) }
    this.#insert.run({ ...full, hash: chainHash(tip.hash, full) })
    return { seq: full.seq, time: full.time_ms }
  }

  /**
   * Writes the intent of a change, before the server call. Secrets named by key or listed in
   * `intent.sensitive` are redacted. Throws AppFailure AUDIT_UNAVAILABLE when the write fails.
   */
  writeIntent(intent: AuditIntent): PendingEvent {
    const sensitive = intent.sensitive ?? []
    const now = this.#now()
    const eventId = uuidV7(now)
    const connection = intent.connection
    const { seq, time: startedAt } = this.#write(`recording the intent of ${intent.action}`, undefined, {
      ...EMPTY_COMPLETION,
      kind: 'intent',
      event_id: eventId,
      time_ms: now,
      connection_id: connection ? redactText(connection.id, sensitive) : null,
      connection_name: connection ? redactText(connection.name, sensitive) : null,
      connection_endpoint: connection ? redactText(safeEndpoint(connection.endpoint), sensitive) : null,
      actor: redactText(intent.actor, sensitive),
      action: intent.action,
      target_type: intent.target.type,
      target: redactText(intent.target.name, sensitive),
      before_json: redactedJson(intent.before, sensitive),
      details_json: redactedJson(intent.details, sensitive),
    })
    return { eventId, seq, startedAt, sensitive }
  }

  /** Writes the completion of a pending intent. Throws AppFailure AUDIT_UNAVAILABLE when the write fails. */
  writeCompletion(pending: PendingEvent, outcome: CompletionOutcome, after?: unknown, durationMs?: number): void {
    const finishedAt = this.#now()
    this.#write('recording the outcome of a change', '', {
      ...EMPTY_INTENT,
      kind: 'completion',
      time_ms: finishedAt,
      intent_seq: pending.seq,
      outcome: outcome.kind,
      error_code: outcome.kind === 'error' ? outcome.code : null,
      error_message: outcome.kind === 'error' ? redactText(outcome.message, pending.sensitive) : null,
      duration_ms: Math.max(0, Math.round(durationMs ?? finishedAt - pending.startedAt)),
      after_json: redactedJson(after, pending.sensitive),
    })
  }

  #write(doing: string, consequence: string | undefined, entry: Omit<UnhashedEntry, 'seq'>): { seq: number; time: number } {
    try {
      return this.#append(entry)
    } catch (error) {
      throw auditUnavailable(error, this.path, doing, consequence)
    }
  }

  /**
   * The one wrapper every mutating server call goes through: intent, then `body` (the server call),
   * then completion with its outcome, duration and `after`. If the intent cannot be written, `body`
   * never runs (AUDIT_UNAVAILABLE). If `body` fails, the failure is recorded and rethrown. If only
   * the completion cannot be written, the change did happen: AUDIT_UNAVAILABLE says so, and the
   * trail shows the event as outcome unknown.
   */
  async recordChange<R extends { after?: unknown }>(intent: AuditIntent, body: () => Promise<R>): Promise<R> {
    const pending = this.writeIntent(intent)
    const started = performance.now()
    let result: R
    try {
      result = await body()
    } catch (error) {
      this.#completeQuietly(pending, describeFailure(error), performance.now() - started)
      throw error
    }
    try {
      this.writeCompletion(pending, { kind: 'ok' }, result.after, performance.now() - started)
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      throw new AppFailure('AUDIT_UNAVAILABLE', `${intent.action} on '${intent.target.name}' was made on the server, but its outcome could not be recorded; the audit trail shows it as outcome unknown. ${error.message}`, error.details)
    }
    return result
  }

  // The body's own failure is what the caller must see; a failed completion leaves "outcome unknown".
  #completeQuietly(pending: PendingEvent, outcome: CompletionOutcome, durationMs: number): void {
    try {
      this.writeCompletion(pending, outcome, undefined, durationMs)
    } catch {
      // Intentionally ignored: the intent row already records that the call was attempted.
    }
  }

  /**
   * Records something that has already happened (e.g. connection.validated, connection.created):
   * intent and completion in one transaction, so no "unknown" is possible. Throws AUDIT_UNAVAILABLE.
   */
  recordEvent(intent: AuditIntent, outcome: CompletionOutcome, options: { after?: unknown; durationMs?: number } = {}): string {
    try {
      return this.#db
        .transaction(() => {
          const pending = this.writeIntent(intent)
          this.writeCompletion(pending, outcome, options.after, options.durationMs ?? 0)
          return pending.eventId
        })
        .immediate()
    } catch (error) {
      throw auditUnavailable(error, this.path, `recording ${intent.action}`)
    }
  }
}

/**
 * A time-ordered UUID (version 7: 48-bit ms time, then random), so the event id index grows at its
 * end instead of splitting random pages on every insert.
 */
export function uuidV7(time: number): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(time, 0, 6)
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The recorded outcome of a failed call: its code and message, never a stack. */
export function describeFailure(error: unknown): CompletionOutcome {
  if (error instanceof AppFailure) return { kind: 'error', code: error.code, message: error.message }
  return { kind: 'error', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

const EMPTY_INTENT = {
  event_id: null, connection_id: null, connection_name: null, connection_endpoint: null, actor: null, action: null,
  target_type: null, target: null, before_json: null, details_json: null,
} as const

const EMPTY_COMPLETION = {
  intent_seq: null, outcome: null, error_code: null, error_message: null, duration_ms: null, after_json: null,
} as const
