import type Database from 'better-sqlite3'
import { AppFailure } from '../api/result.ts'
import { readAnchor } from './audit-chain.ts'
import { auditUnavailable } from './audit-database.ts'
import type { AuditTrail } from './audit-trail.ts'

/** How much history to keep. Any limit that is exceeded prunes the oldest events. */
export interface RetentionPolicy {
  maxAgeDays?: number
  maxEvents?: number
  /** Approximate: the database file size the trail should stay under. */
  maxBytes?: number
}

export interface PruneSummary {
  /** Entries removed (intents and completions); 0 when nothing exceeded the policy. */
  prunedEntries: number
  /** Events removed (intents): what a person counts in the list. */
  prunedEvents: number
  anchorSeq: number
  eventId: string | null
}

/**
 * The retention path, the only place entries are ever deleted. Removes the oldest entries beyond the
 * policy, but only those an earlier unfiltered export (audit.exported) covered; otherwise it refuses
 * with CONFLICT and says to export first. The pruned prefix's last hash becomes the chain anchor, and
 * the prune is itself recorded (audit.pruned, with the anchor) in the same transaction, so `verify`
 * still proves the remaining chain. Throws AUDIT_UNAVAILABLE on storage failure.
 */
export function pruneAuditTrail(trail: AuditTrail, policy: RetentionPolicy, actor: string, now = Date.now()): PruneSummary {
  const db = trail.database
  const cutoff = pruneThrough(db, policy, now)
  if (cutoff === 0) return { prunedEntries: 0, prunedEvents: 0, anchorSeq: 0, eventId: null }
  const exported = lastFullExport(db)
  if (!exported || exported.throughSeq < cutoff) {
    throw new AppFailure(
      'CONFLICT',
      `The retention policy would prune ${countEventsThrough(db, cutoff)} events (audit entries up to #${cutoff}), but ${exported ? `the last full export covers only up to #${exported.throughSeq}` : 'the audit trail was never exported in full'}. ` +
        "Export it first (gatehouse audit export --format jsonl -o FILE, without filters), then prune again.",
    )
  }
  let summary: PruneSummary
  try {
    summary = db.transaction(() => deletePrefix(trail, cutoff, { policy, actor, exportEventId: exported.eventId })).immediate()
  } catch (error) {
    throw auditUnavailable(error, trail.path, 'pruning the audit trail')
  }
  // Hands the freed pages back to the file system (auto_vacuum = INCREMENTAL), so maxBytes can hold.
  db.pragma('incremental_vacuum')
  return summary
}

function deletePrefix(trail: AuditTrail, cutoff: number, why: { policy: RetentionPolicy; actor: string; exportEventId: string }): PruneSummary {
  const db = trail.database
  const anchor = db.prepare<[number], { hash: string }>('SELECT hash FROM entries WHERE seq = ?').get(cutoff)
  if (!anchor) throw new Error(`audit entry ${cutoff} vanished during pruning`)
  // Search rows are keyed by intent seq (migration 2); a completion kept past the cutoff only ever
  // belongs to a pruned intent, whose event is gone from queries anyway.
  const prunedEvents = countEventsThrough(db, cutoff)
  db.prepare('DELETE FROM entries_fts WHERE rowid < ?').run((cutoff + 1) * 2)
  db.prepare('UPDATE retention_guard SET pruning = 1').run()
  const pruned = db.prepare('DELETE FROM entries WHERE seq <= ?').run(cutoff).changes
  db.prepare('UPDATE retention_guard SET pruning = 0').run()
  const upsert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  upsert.run('anchor_seq', String(cutoff))
  upsert.run('anchor_hash', anchor.hash)
  const eventId = trail.recordEvent(
    {
      connection: null,
      actor: why.actor,
      action: 'audit.pruned',
      target: { type: 'audit', name: 'audit trail' },
      details: { policy: why.policy, anchorSeq: cutoff, anchorHash: anchor.hash, exportEventId: why.exportEventId },
    },
    { kind: 'ok' },
    { after: { prunedEntries: pruned, prunedEvents } },
  )
  return { prunedEntries: pruned, prunedEvents, anchorSeq: cutoff, eventId }
}

/** The highest seq the policy wants gone (0 for none). Always a whole prefix of the chain. */
export function pruneThrough(db: Database.Database, policy: RetentionPolicy, now: number): number {
  const firstKeptIntent = (sql: string, ...params: number[]) =>
    db.prepare<number[], { seq: number }>(sql).get(...params)?.seq ?? null
  let cutoff = 0
  if (policy.maxAgeDays !== undefined) {
    const keep = firstKeptIntent(`SELECT seq FROM entries WHERE kind = 'intent' AND time_ms >= ? ORDER BY time_ms, seq LIMIT 1`, now - policy.maxAgeDays * 86_400_000)
    cutoff = Math.max(cutoff, keep === null ? maxSeq(db) : keep - 1)
  }
  const intents = db.prepare<[], { count: number }>(`SELECT count(*) AS count FROM entries WHERE kind = 'intent'`).get()?.count ?? 0
  let keepEvents = policy.maxEvents ?? Infinity
  if (policy.maxBytes !== undefined) {
    const bytes = databaseBytes(db)
    if (bytes > policy.maxBytes && intents > 0) keepEvents = Math.min(keepEvents, Math.floor(intents * (policy.maxBytes / bytes)))
  }
  if (keepEvents < intents) {
    // (time_ms, seq) orders intents as seq does and is walked in the time index, not the table.
    const keep = firstKeptIntent(`SELECT seq FROM entries WHERE kind = 'intent' ORDER BY time_ms DESC, seq DESC LIMIT 1 OFFSET ?`, Math.max(keepEvents - 1, 0))
    cutoff = Math.max(cutoff, keepEvents === 0 ? maxSeq(db) : (keep ?? 1) - 1)
  }
  // Entries up to the anchor are already gone.
  return cutoff > readAnchor(db).seq ? cutoff : 0
}

/** What the retention panel and `gatehouse audit retention` show about the trail under `policy`. */
export interface RetentionStatus {
  /** Chain entries (intents and completions) still in the file. */
  entries: number
  events: number
  oldestEventTime: number | null
  newestEventTime: number | null
  /** Pages in use times page size: the measure `maxBytes` is held against. */
  databaseBytes: number
  lastFullExport: { time: number; throughSeq: number; eventId: string } | null
  /** The policy would prune entries up to here now (0: nothing). */
  pruneThroughSeq: number
  eventsToPrune: number
  /** True when a prune now would go ahead: nothing to prune, or a full export covers it. */
  isCoveredByExport: boolean
}

/** The trail's size and age, its last full export, and what `policy` would prune now. Read-only. */
export function retentionStatus(db: Database.Database, policy: RetentionPolicy, now = Date.now()): RetentionStatus {
  // Each part is read from a partial index (counts, ends of the time index), never by scanning rows:
  // the panel refreshes with every list reload, and a 1M-event scan takes a visible 0.4 s.
  const totals = db
    .prepare<[], { events: number; completions: number; oldest: number | null; newest: number | null }>(
      `SELECT (SELECT count(*) FROM entries WHERE kind = 'intent') AS events,
        (SELECT count(*) FROM entries WHERE kind = 'completion') AS completions,
        (SELECT time_ms FROM entries WHERE kind = 'intent' ORDER BY time_ms LIMIT 1) AS oldest,
        (SELECT time_ms FROM entries WHERE kind = 'intent' ORDER BY time_ms DESC LIMIT 1) AS newest`,
    )
    .get()
  const cutoff = pruneThrough(db, policy, now)
  const exported = lastFullExport(db)
  return {
    entries: (totals?.events ?? 0) + (totals?.completions ?? 0),
    events: totals?.events ?? 0,
    oldestEventTime: totals?.oldest ?? null,
    newestEventTime: totals?.newest ?? null,
    databaseBytes: databaseBytes(db),
    lastFullExport: exported && { time: exported.time, throughSeq: exported.throughSeq, eventId: exported.eventId },
    pruneThroughSeq: cutoff,
    eventsToPrune: cutoff === 0 ? 0 : countEventsThrough(db, cutoff),
    isCoveredByExport: cutoff === 0 || (exported !== null && exported.throughSeq >= cutoff),
  }
}

// Times never decrease along the chain, so the intents up to `seq` are a prefix of the time index:
// counted there (covering) with the seq check on the index's rowid, instead of decoding table rows.
function countEventsThrough(db: Database.Database, seq: number): number {
  return (
    db
      .prepare<[{ seq: number }], { count: number }>(
        `SELECT count(*) AS count FROM entries WHERE kind = 'intent' AND time_ms <= (SELECT time_ms FROM entries WHERE seq = @seq) AND +seq <= @seq`,
      )
      .get({ seq })?.count ?? 0
  )
}

function databaseBytes(db: Database.Database): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
}

function maxSeq(db: Database.Database): number {
  return db.prepare<[], { tip: number | null }>('SELECT max(seq) AS tip FROM entries').get()?.tip ?? 0
}

function lastFullExport(db: Database.Database): { time: number; throughSeq: number; eventId: string } | null {
  const rows = db
    .prepare<[], { event_id: string; time_ms: number; details_json: string }>(`SELECT i.event_id, i.time_ms, i.details_json FROM entries i
      JOIN entries c ON c.kind = 'completion' AND c.intent_seq = i.seq AND c.outcome = 'ok'
      WHERE i.kind = 'intent' AND i.action = 'audit.exported' ORDER BY i.seq DESC LIMIT 50`)
    .all()
  for (const row of rows) {
    const details = JSON.parse(row.details_json) as { isFiltered?: boolean; throughSeq?: number }
    if (details.isFiltered === false && typeof details.throughSeq === 'number') return { time: row.time_ms, throughSeq: details.throughSeq, eventId: row.event_id }
  }
  return null
}
