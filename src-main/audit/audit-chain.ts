import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { VerifyReport } from './audit.types.ts'

/**
 * Tamper evidence. Every entry's hash is sha256(previous entry's hash + "\n" + its canonical content).
 *
 * Intent and completion are separate entries, each chained when written. Nothing is ever updated, so
 * every hashed byte is immutable: the outcome cannot be rewritten without breaking the chain at the
 * completion row, and a missing completion (crash between the two) is visible as "outcome unknown"
 * instead of a gap. Limits: a chain alone cannot show that the newest entries were cut off the end;
 * an export (or its hash) kept elsewhere covers that.
 */
export const GENESIS_HASH = '0'.repeat(64)

/** One stored entry, column for column. */
export interface EntryRow {
  seq: number
  kind: 'intent' | 'completion'
  event_id: string | null
  time_ms: number
  connection_id: string | null
  connection_name: string | null
  connection_endpoint: string | null
  actor: string | null
  action: string | null
  target_type: string | null
  target: string | null
  before_json: string | null
  details_json: string | null
  intent_seq: number | null
  outcome: 'ok' | 'error' | null
  error_code: string | null
  error_message: string | null
  duration_ms: number | null
  after_json: string | null
  hash: string
}

export type UnhashedEntry = Omit<EntryRow, 'hash'>

/** The content hashed for an entry: every column but the hash, in a fixed order, as JSON. */
export function canonicalContent(entry: UnhashedEntry): string {
  return JSON.stringify([
    entry.seq,
    entry.kind,
    entry.event_id,
    entry.time_ms,
    entry.connection_id,
    entry.connection_name,
    entry.connection_endpoint,
    entry.actor,
    entry.action,
    entry.target_type,
    entry.target,
    entry.before_json,
    entry.details_json,
    entry.intent_seq,
    entry.outcome,
    entry.error_code,
    entry.error_message,
    entry.duration_ms,
    entry.after_json,
  ])
}

export function chainHash(previousHash: string, entry: UnhashedEntry): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalContent(entry)).digest('hex')
}

/** Where the chain starts: genesis, or the last entry a retention prune removed. */
export function readAnchor(db: Database.Database): { seq: number; hash: string } {
  const rows = db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ('anchor_seq', 'anchor_hash')`).all()
  const values = new Map(rows.map((row) => [row.key, row.value]))
  return { seq: Number(values.get('anchor_seq') ?? 0), hash: values.get('anchor_hash') ?? GENESIS_HASH }
}

const VERIFY_PAGE = 5_000

/**
 * Walks the whole chain in seq order, a page at a time (constant memory, and the connection is free
 * between pages), and reports the first entry whose hash does not follow from its predecessor and
 * content, whose seq leaves a gap, or whose time steps backwards. Entries appended while it runs are
 * left for the next run. Never throws for a broken chain, only for an unreadable file.
 */
export function verifyChain(db: Database.Database, pageSize = VERIFY_PAGE): VerifyReport {
  const walk = chainWalk(db, pageSize)
  let report: VerifyReport | null = null
  while (report === null) report = walk()
  return report
}

/** The same walk, yielding to the event loop between pages, so the app stays responsive. */
export async function verifyChainAsync(db: Database.Database, pageSize = VERIFY_PAGE): Promise<VerifyReport> {
  const walk = chainWalk(db, pageSize)
  for (;;) {
    const report = walk()
    if (report) return report
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Returns a function that checks the next page: a report when done or broken, null to go on. */
function chainWalk(db: Database.Database, pageSize: number): () => VerifyReport | null {
  const anchor = readAnchor(db)
  const anchorProblem = checkAnchorRecorded(db, anchor)
  const tip = db.prepare<[], { tip: number | null }>('SELECT max(seq) AS tip FROM entries').get()?.tip ?? 0
  const page = db.prepare<[number, number, number], EntryRow>('SELECT * FROM entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?')
  let previousHash = anchor.hash
  let expectedSeq = anchor.seq + 1
  let previousTime = 0
  let lastSeq = anchor.seq
  let rows = 0
  return () => {
    const batch = page.all(lastSeq, tip, pageSize)
    if (batch.length === 0) return { intact: true, rows }
    for (const row of batch) {
      rows++
      const broken = (reason: string): VerifyReport => ({ intact: false, rows, firstBrokenSeq: row.seq, eventId: row.event_id, reason })
      if (rows === 1 && anchorProblem) return broken(anchorProblem)
      if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (next present entry is ${row.seq})`)
      const { hash, ...content } = row
      if (chainHash(previousHash, content) !== hash) return broken(`entry ${row.seq} does not match its hash (changed, inserted or reordered)`)
      // Appends clamp time to the tip's: a step backwards means something else wrote this file.
      if (row.time_ms < previousTime) return broken(`entry ${row.seq} is dated before the entry preceding it`)
      previousHash = hash
      previousTime = row.time_ms
      expectedSeq++
      lastSeq = row.seq
    }
    return null
  }
}

// The anchor lives in a mutable table, so it must equal what the (chained) prune event recorded.
function checkAnchorRecorded(db: Database.Database, anchor: { seq: number; hash: string }): string | null {
  const last = db
    .prepare<[], { details_json: string | null }>(`SELECT details_json FROM entries WHERE kind = 'intent' AND action = 'audit.pruned' ORDER BY seq DESC LIMIT 1`)
    .get()
  if (!last) return anchor.seq === 0 ? null : `chain anchor at entry ${anchor.seq} has no audit.pruned event recording it`
  const recorded = JSON.parse(last.details_json ?? '{}') as { anchorSeq?: number; anchorHash?: string }
  if (recorded.anchorSeq !== anchor.seq || recorded.anchorHash !== anchor.hash) return 'chain anchor differs from the one the last audit.pruned event recorded'
  return null
}
