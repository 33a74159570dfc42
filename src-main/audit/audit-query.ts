import type Database from 'better-sqlite3'
import { AppFailure } from '../api/result.ts'
import type { AuditAction, AuditEvent, AuditFilter, AuditPage, Outcome, TargetType } from './audit.types.ts'

/** An intent row joined with its completion (if any), as the event queries select it. */
interface EventRow {
  seq: number
  event_id: string
  time_ms: number
  connection_id: string | null
  connection_name: string | null
  connection_endpoint: string | null
  actor: string
  action: string
  target_type: string
  target: string
  before_json: string | null
  details_json: string | null
  outcome: 'ok' | 'error' | null
  error_code: string | null
  error_message: string | null
  duration_ms: number | null
  after_json: string | null
}

const SELECT_EVENTS = `SELECT i.seq, i.event_id, i.time_ms, i.connection_id, i.connection_name, i.connection_endpoint,
  i.actor, i.action, i.target_type, i.target, i.before_json, i.details_json,
  c.outcome, c.error_code, c.error_message, c.duration_ms, c.after_json
FROM entries i LEFT JOIN entries c ON c.kind = 'completion' AND c.intent_seq = i.seq
WHERE i.kind = 'intent'`

export const MAX_PAGE_SIZE = 1000

const FIRST_INTENT_AT = (time: string) =>
  `coalesce((SELECT seq FROM entries WHERE kind = 'intent' AND time_ms >= ${time} ORDER BY time_ms LIMIT 1), 9223372036854775807)`

/** The WHERE clauses and parameters for a filter; every value is bound, never spliced into the SQL. */
export function filterClauses(filter: AuditFilter): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = []
  const params: Record<string, unknown> = {}
  const add = (clause: string, name: string, value: unknown) => {
    clauses.push(clause)
    params[name] = value
  }
  // Times never decrease along the chain (audit-trail.ts), so a time bound is also a seq bound found
  // with one index probe; the seq range then drives the scan in page order ('+' keeps the planner
  // from sorting a whole time range instead).
  if (filter.since !== undefined) add(`i.seq >= ${FIRST_INTENT_AT('@since')} AND +i.time_ms >= @since`, 'since', filter.since)
  if (filter.until !== undefined) add(`i.seq < ${FIRST_INTENT_AT('@until')} AND +i.time_ms < @until`, 'until', filter.until)
  if (filter.connectionId) add('i.connection_id = @connectionId', 'connectionId', filter.connectionId)
  if (filter.connectionName) add('i.connection_name = @connectionName', 'connectionName', filter.connectionName)
  if (filter.actionPrefix) {
    // A range instead of LIKE, so the action index serves it.
    add('i.action >= @actionFrom AND i.action < @actionTo', 'actionFrom', filter.actionPrefix)
    params.actionTo = prefixUpperBound(filter.actionPrefix)
  }
  if (filter.target) add('i.target = @target', 'target', filter.target)
  if (filter.targetType) add('i.target_type = @targetType', 'targetType', filter.targetType)
  if (filter.outcome === 'unknown') clauses.push('c.seq IS NULL')
  else if (filter.outcome) add('c.outcome = @outcome', 'outcome', filter.outcome)
  if (filter.search?.trim()) {
    // Search rows are keyed intent seq * 2 (+1 for the error message), see migration 2.
    clauses.push('i.seq IN (SELECT rowid >> 1 FROM entries_fts WHERE entries_fts MATCH @match)')
    params.match = ftsQuery(filter.search)
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(''), params }
}

function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

/**
 * Turns what a person types into a safe FTS5 query: each word becomes a quoted phrase, ANDed, so
 * punctuation in names (readwrite-logs, alice@corp) never becomes FTS syntax. Only the last word is
 * a prefix ("car" finds carol while typing; a trailing space ends that): FTS5 merges a prefix's whole doclist before it can
 * return the first hit, while an exact word is read lazily, newest first.
 */
export function ftsQuery(text: string): string {
  const words = text.trim().split(/\s+/)
  // A trailing space says the last word is complete too.
  const prefixAt = /\s$/.test(text) ? -1 : words.length - 1
  return words.map((word, index) => `"${word.replaceAll('"', '""')}"${index === prefixAt ? '*' : ''}`).join(' ')
}

/**
 * One page of events, newest first, matching `filter`; `before` is the cursor from the previous page.
 * Throws AppFailure INVALID_INPUT for a malformed search; storage errors are the caller's to map.
 */
export function queryEvents(db: Database.Database, filter: AuditFilter = {}, page: { before?: number; limit?: number } = {}): AuditPage {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), MAX_PAGE_SIZE)
  const rows = filter.search?.trim() ? searchRows(db, filter, page.before, limit + 1) : filteredRows(db, filter, page.before, limit + 1)
  const hasMore = rows.length > limit
  const events = rows.slice(0, limit).map(toEvent)
  return { events, nextCursor: hasMore ? (events.at(-1)?.seq ?? null) : null }
}

function filteredRows(db: Database.Database, filter: AuditFilter, before: number | undefined, count: number, seqs?: number[]): EventRow[] {
  const { sql, params } = filterClauses({ ...filter, search: undefined })
  // c.intent_seq equals i.seq; ordering by it lets an outcome filter walk the outcome index in page
  // order instead of sorting every matching completion.
  const order = filter.outcome === 'ok' || filter.outcome === 'error' ? 'c.intent_seq' : 'i.seq'
  const cursor = before === undefined ? '' : ` AND ${order} < @before`
  const only = seqs ? ' AND i.seq IN (SELECT value FROM json_each(@seqs))' : ''
  return runQuery(db, `${SELECT_EVENTS}${sql}${cursor}${only} ORDER BY ${order} DESC LIMIT @limit`, {
    ...params,
    ...(before === undefined ? {} : { before }),
    ...(seqs ? { seqs: JSON.stringify(seqs) } : {}),
    limit: count,
  })
}

const SEARCH_CHUNK = 512

/**
 * Full-text search, newest first: walks FTS5 hits in rowid (= event) order a chunk at a time and
 * applies the other filters to each chunk, so a common word costs a few chunks, not every hit.
 */
function searchRows(db: Database.Database, filter: AuditFilter, before: number | undefined, count: number): EventRow[] {
  const hits = db.prepare<[{ match: string; upper: number }], number>(
    `SELECT rowid FROM entries_fts WHERE entries_fts MATCH @match AND rowid < @upper ORDER BY rowid DESC LIMIT ${SEARCH_CHUNK}`,
  )
  const match = ftsQuery(filter.search ?? '')
  const rows: EventRow[] = []
  let upper = before ?? Number.MAX_SAFE_INTEGER / 4
  while (rows.length < count) {
    const chunk = runSearch(() => hits.pluck().all({ match, upper: upper * 2 }))
    if (chunk.length === 0) break
    const seqs = [...new Set(chunk.map((rowid) => Math.floor(rowid / 2)))]
    rows.push(...filteredRows(db, filter, undefined, count - rows.length, seqs))
    upper = seqs.at(-1) ?? 0
    if (chunk.length < SEARCH_CHUNK) break
  }
  return rows
}
/** Events oldest first with after < seq <= through, for streaming exports page by page. */
export function eventsBetween(db: Database.Database, filter: AuditFilter, range: { after: number; through: number }, limit: number): AuditEvent[] {
  const { sql, params } = filterClauses(filter)
  const query = `${SELECT_EVENTS}${sql} AND i.seq > @after AND i.seq <= @through ORDER BY i.seq ASC LIMIT @limit`
  return runQuery(db, query, { ...params, ...range, limit }).map(toEvent)
}

/** One event by id, or null. */
export function getEvent(db: Database.Database, eventId: string): AuditEvent | null {
  const row = db.prepare<[{ eventId: string }], EventRow>(`${SELECT_EVENTS} AND i.event_id = @eventId`).get({ eventId })
  return row ? toEvent(row) : null
}

function runQuery(db: Database.Database, sql: string, params: Record<string, unknown>): EventRow[] {
  return runSearch(() => db.prepare<[Record<string, unknown>], EventRow>(sql).all(params))
}

// FTS5 reports a query it cannot parse as SQLITE_ERROR; ftsQuery quotes words, so this is rare.
function runSearch<T>(body: () => T): T {
  try {
    return body()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_ERROR' && /fts5/i.test(String(error))) {
      throw new AppFailure('INVALID_INPUT', `The search text could not be understood (${(error as Error).message}). Use plain words.`)
    }
    throw error
  }
}

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown)
}

export function toEvent(row: EventRow): AuditEvent {
  const outcome: Outcome =
    row.outcome === 'ok'
      ? { kind: 'ok' }
      : row.outcome === 'error'
        ? { kind: 'error', code: row.error_code ?? 'INTERNAL', message: row.error_message ?? '' }
        : { kind: 'unknown' }
  return {
    id: row.event_id,
    seq: row.seq,
    time: row.time_ms,
    connection: row.connection_id === null ? null : { id: row.connection_id, name: row.connection_name ?? '', endpoint: row.connection_endpoint ?? '' },
    actor: row.actor,
    action: row.action as AuditAction,
    target: { type: row.target_type as TargetType, name: row.target },
    outcome,
    durationMs: row.duration_ms,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
    details: parseJson(row.details_json),
  }
}
