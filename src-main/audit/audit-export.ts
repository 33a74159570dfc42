import { createHash } from 'node:crypto'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { AuditTrail } from './audit-trail.ts'
import { eventsBetween } from './audit-query.ts'
import type { AuditEvent, AuditFilter } from './audit.types.ts'

export type ExportFormat = 'csv' | 'jsonl'

export interface ExportOptions {
  format: ExportFormat
  filter?: AuditFilter
  /** Who asks for the export; recorded on the audit.exported event. */
  actor: string
  /** Where it goes (a file name, 'stdout'); recorded, never opened here. */
  destination: string
  pageSize?: number
}

export interface ExportSummary {
  rows: number
  /** Every entry up to this seq was in scope; retention may prune up to here after an unfiltered export. */
  throughSeq: number
  sha256: string
  eventId: string
}

export const CSV_COLUMNS = [
  'id', 'time', 'connection_id', 'connection_name', 'connection_endpoint', 'actor', 'action', 'target_type', 'target',
  'outcome', 'error_code', 'error_message', 'duration_ms', 'before', 'after', 'details',
] as const

/**
 * Streams the events matching the filter, oldest first, to `output` as CSV or JSON Lines, page by
 * page with backpressure, so memory stays bounded whatever the size and the database connection is
 * free between pages (the app keeps recording while an export runs). Then records an audit.exported
 * event with the row count, scope and the output's sha256. Does not end `output`.
 * Throws AUDIT_UNAVAILABLE if the export event cannot be recorded; stream errors pass through.
 */
export async function exportEvents(trail: AuditTrail, output: Writable, options: ExportOptions): Promise<ExportSummary> {
  const db = trail.database
  const throughSeq = db.prepare<[], { tip: number | null }>('SELECT max(seq) AS tip FROM entries').get()?.tip ?? 0
  const filter = { ...options.filter }
  const hash = createHash('sha256')
  const write = async (text: string) => {
    hash.update(text)
    if (!output.write(text)) await once(output, 'drain')
  }
  if (options.format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`)
  let rows = 0
  let cursor = 0
  for (;;) {
    const page = eventsBetween(db, filter, { after: cursor, through: throughSeq }, options.pageSize ?? 1_000)
    if (page.length === 0) break
    await write(page.map(options.format === 'csv' ? csvLine : jsonLine).join(''))
    rows += page.length
    cursor = page.at(-1)?.seq ?? cursor
  }
  const sha256 = hash.digest('hex')
  const isFiltered = Object.values(filter).some((value) => value !== undefined && value !== '')
  const eventId = trail.recordEvent(
    {
      connection: null,
      actor: options.actor,
      action: 'audit.exported',
      target: { type: 'audit', name: options.destination },
      details: { format: options.format, filter, isFiltered, throughSeq },
    },
    { kind: 'ok' },
    { after: { rows, sha256 } },
  )
  return { rows, throughSeq, sha256, eventId }
}

/** The export shape of an event: ISO time, everything else as queried. */
export function exportRecord(event: AuditEvent): Record<string, unknown> {
  return {
    id: event.id,
    time: new Date(event.time).toISOString(),
    connection: event.connection,
    actor: event.actor,
    action: event.action,
    target: event.target,
    outcome: event.outcome,
    durationMs: event.durationMs,
    before: event.before,
    after: event.after,
    details: event.details,
  }
}

function jsonLine(event: AuditEvent): string {
  return `${JSON.stringify(exportRecord(event))}\n`
}

function csvLine(event: AuditEvent): string {
  const outcome = event.outcome
  const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value))
  const cells = [
    event.id, new Date(event.time).toISOString(), event.connection?.id ?? '', event.connection?.name ?? '',
    event.connection?.endpoint ?? '', event.actor, event.action, event.target.type, event.target.name, outcome.kind,
    outcome.kind === 'error' ? outcome.code : '', outcome.kind === 'error' ? outcome.message : '',
    event.durationMs === null ? '' : String(event.durationMs), json(event.before), json(event.after), json(event.details),
  ]
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling inner quotes. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
