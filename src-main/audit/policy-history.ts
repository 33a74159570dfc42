import type Database from 'better-sqlite3'
import { createTwoFilesPatch, diffLines } from 'diff'
import { sortKeys, stableJson } from '../shared/stable-json.ts'
import { queryEvents } from './audit-query.ts'
import type { AuditEvent } from './audit.types.ts'

/** One known state of a policy document; `document` is null once the policy was deleted. */
export interface PolicyVersion {
  /** 1 for the oldest known version. */
  version: number
  /** The event that produced this version (for the oldest, the event whose `before` showed it). */
  eventId: string
  time: number
  action: string
  actor: string
  document: unknown
  /** 'before' when the version is what the server had before Gatehouse's first recorded change. */
  source: 'before' | 'after'
}

export interface PolicyDiff {
  from: number
  to: number
  /** A unified diff of the two documents, pretty-printed with sorted keys. */
  patch: string
  added: number
  removed: number
}

const PAGE = 1_000

/**
 * All versions of one policy on one connection, oldest first, from the before/after documents of its
 * policy.created/updated/deleted events. Only successful changes make versions; consecutive equal
 * documents collapse into one. Returns [] for a policy the trail never saw.
 */
export function policyHistory(db: Database.Database, policyName: string, connectionId?: string): PolicyVersion[] {
  const events: AuditEvent[] = []
  let before: number | undefined
  do {
    const page = queryEvents(db, { actionPrefix: 'policy.', target: policyName, targetType: 'policy', connectionId }, { before, limit: PAGE })
    events.push(...page.events)
    before = page.nextCursor ?? undefined
  } while (before !== undefined)
  const versions: Omit<PolicyVersion, 'version'>[] = []
  const push = (version: Omit<PolicyVersion, 'version'>) => {
    const last = versions.at(-1)
    if (!last || stableJson(last.document) !== stableJson(version.document)) versions.push(version)
  }
  for (const event of events.reverse()) {
    if (!['policy.created', 'policy.updated', 'policy.deleted'].includes(event.action) || event.outcome.kind !== 'ok') continue
    const common = { eventId: event.id, time: event.time, action: event.action, actor: event.actor }
    if (versions.length === 0 && event.before !== null) push({ ...common, document: event.before, source: 'before' })
    push({ ...common, document: event.action === 'policy.deleted' ? null : event.after, source: 'after' })
  }
  return versions.map((version, index) => ({ ...version, version: index + 1 }))
}

/**
 * The diff between two versions of `history` (1-based version numbers, either order).
 * Returns null when either version does not exist.
 */
export function diffPolicyVersions(history: PolicyVersion[], from: number, to: number): PolicyDiff | null {
  const older = history.find((version) => version.version === from)
  const newer = history.find((version) => version.version === to)
  if (!older || !newer) return null
  const diff = diffDocuments(
    { label: `version ${from}`, document: older.document, header: new Date(older.time).toISOString() },
    { label: `version ${to}`, document: newer.document, header: new Date(newer.time).toISOString() },
  )
  return { from, to, ...diff }
}

/** One side of a document diff: its name in the patch, the document (null = none) and a header note. */
export interface DiffSide {
  label: string
  document: unknown
  header?: string
}

/** A unified diff of two documents (pretty JSON, sorted keys) with its added/removed line counts. */
export function diffDocuments(older: DiffSide, newer: DiffSide): { patch: string; added: number; removed: number } {
  const oldText = prettyJson(older.document)
  const newText = prettyJson(newer.document)
  let added = 0
  let removed = 0
  for (const part of diffLines(oldText, newText)) {
    if (part.added) added += part.count ?? 0
    if (part.removed) removed += part.count ?? 0
  }
  const patch = createTwoFilesPatch(older.label, newer.label, oldText, newText, older.header, newer.header)
  return { patch, added, removed }
}

/** Whether two documents are the same policy once keys are sorted (the server may reorder them). */
export function isSameDocument(left: unknown, right: unknown): boolean {
  return stableJson(left) === stableJson(right)
}

function prettyJson(document: unknown): string {
  return document === null ? '' : `${JSON.stringify(sortKeys(document), null, 2)}\n`
}
