import { diffPolicyVersions, type PolicyVersion } from './policy-history.ts'
import type { AuditEvent } from './audit.types.ts'

/** One event as a list row shows it: everything but the (possibly large) before/after/details payloads. */
export type AuditEventSummary = Omit<AuditEvent, 'before' | 'after' | 'details'>

/** One event with a readable before → after diff (`patch`), as the detail view shows it. */
export type AuditEventDetail = AuditEvent & { patch: string | null }

/** The row of `event`: its payloads left out, so a page of 1,000 events stays small. */
export function eventSummary({ id, seq, time, connection, actor, action, target, outcome, durationMs }: AuditEvent): AuditEventSummary {
  return { id, seq, time, connection, actor, action, target, outcome, durationMs }
}

/** `audit-20261123T093000123Z.csv`: sortable, no characters any file system refuses. */
export function exportFileName(format: 'csv' | 'jsonl', now: Date): string {
  return `audit-${now.toISOString().replace(/[-:.]/g, '')}.${format}`
}

/**
 * A readable before → after diff, by the same rules as policy history (pretty JSON, sorted keys, so
 * reordered keys are no change): before is "version 1", after "version 2". Null when a side is missing.
 */
export function beforeAfterPatch(event: Pick<AuditEvent, 'before' | 'after' | 'id' | 'time' | 'action' | 'actor'>): string | null {
  if (event.before === null || event.before === undefined || event.after === null || event.after === undefined) return null
  const common = { eventId: event.id, time: event.time, action: event.action, actor: event.actor }
  const versions: PolicyVersion[] = [
    { ...common, version: 1, document: event.before, source: 'before' },
    { ...common, version: 2, document: event.after, source: 'after' },
  ]
  return diffPolicyVersions(versions, 1, 2)?.patch ?? null
}
