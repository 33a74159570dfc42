import { z } from 'zod'
import { connectionId } from './fields.ts'

// Channels of the Audit screen: the trail is read-only here, except that an export is itself recorded
// and retention (a saved policy, applied only after a full export) prunes the oldest events.

/** The closed set of audit actions (`subject.pastTenseVerb`); src-main/audit records exactly these. */
export const AUDIT_ACTIONS = [
  'user.created',
  'user.deleted',
  'user.enabled',
  'user.disabled',
  'user.secretChanged',
  'group.created',
  'group.deleted',
  'group.enabled',
  'group.disabled',
  'group.membersAdded',
  'group.membersRemoved',
  'policy.created',
  'policy.updated',
  'policy.deleted',
  'policy.attached',
  'policy.detached',
  'accessKey.created',
  'accessKey.updated',
  'accessKey.deleted',
  'accessKey.enabled',
  'accessKey.disabled',
  'connection.created',
  'connection.updated',
  'connection.deleted',
  'connection.validated',
  'snapshot.exported',
  'snapshot.applied',
  // The trail's own housekeeping: an export of the trail, a retention prune and a change of the saved
  // retention policy are events too.
  'audit.exported',
  'audit.pruned',
  'audit.retentionChanged',
] as const

export const TARGET_TYPES = ['user', 'group', 'policy', 'accessKey', 'connection', 'snapshot', 'audit'] as const

/** What audit.list and audit.export filter on (src-main/audit/audit-query.ts). */
export const auditFilterSchema = z
  .object({
    since: z.number().int().nonnegative().optional(),
    until: z.number().int().nonnegative().optional(),
    connectionId: z.string().min(1).max(200).optional(),
    connectionName: z.string().min(1).max(200).optional(),
    actionPrefix: z.string().min(1).max(100).optional(),
    target: z.string().min(1).max(1_000).optional(),
    targetType: z.enum(TARGET_TYPES).optional(),
    outcome: z.enum(['ok', 'error', 'unknown']).optional(),
    search: z.string().max(500).optional(),
  })
  .strict()

export const auditPageRequestSchema = z
  .object({
    filter: auditFilterSchema.default({}),
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1_000).optional(),
  })
  .strict()

/** Bounds of a retention policy: whole numbers, at most a century, a billion events or a tebibyte. */
export const RETENTION_LIMITS = {
  maxAgeDays: { min: 1, max: 36_500 },
  maxEvents: { min: 1, max: 1_000_000_000 },
  // Below 1 MiB the schema and indexes alone would exceed the limit and every prune would empty the trail.
  maxBytes: { min: 1_048_576, max: 1_099_511_627_776 },
} as const

const bounded = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max).optional()

/** A retention policy as the contract takes it; no limit set means keep everything. */
export const retentionPolicySchema = z
  .object({
    maxAgeDays: bounded(RETENTION_LIMITS.maxAgeDays),
    maxEvents: bounded(RETENTION_LIMITS.maxEvents),
    maxBytes: bounded(RETENTION_LIMITS.maxBytes),
  })
  .strict()

const connectionRef = z.object({ id: z.string(), name: z.string(), endpoint: z.string() })

const outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok') }),
  z.object({ kind: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ kind: z.literal('unknown') }),
])

/** What the list shows per row: everything but the (possibly large) before/after/details payloads. */
const eventSummary = z.object({
  id: z.string(),
  seq: z.number(),
  time: z.number(),
  connection: connectionRef.nullable(),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.object({ type: z.enum(TARGET_TYPES), name: z.string() }),
  outcome,
  durationMs: z.number().nullable(),
})

const eventDetail = eventSummary.extend({
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  /** A unified diff of before → after (pretty JSON, sorted keys) when both exist; null otherwise. */
  patch: z.string().nullable(),
})

const verifyReport = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), rows: z.number() }),
  z.object({ intact: z.literal(false), rows: z.number(), firstBrokenSeq: z.number(), eventId: z.string().nullable(), reason: z.string() }),
])

const exportInput = z
  .object({
    format: z.enum(['csv', 'jsonl']),
    filter: auditFilterSchema.default({}),
    /** `file`: kept under `<dataDir>/exports`; `download`: also returned as text for the browser to save. */
    target: z.enum(['file', 'download']),
  })
  .strict()

const exportOutput = z.object({
  path: z.string(),
  fileName: z.string(),
  rows: z.number(),
  sha256: z.string(),
  /** The exported text, for `target: 'download'` only. */
  content: z.string().optional(),
})

const policyVersion = z.object({
  version: z.number(),
  eventId: z.string(),
  time: z.number(),
  action: z.string(),
  actor: z.string(),
  document: z.unknown(),
  source: z.enum(['before', 'after']),
})

const retentionStatus = z.object({
  /** The saved policy; `{}` keeps everything. */
  policy: z.object({ maxAgeDays: z.number().optional(), maxEvents: z.number().optional(), maxBytes: z.number().optional() }),
  entries: z.number(),
  events: z.number(),
  oldestEventTime: z.number().nullable(),
  newestEventTime: z.number().nullable(),
  databaseBytes: z.number(),
  lastFullExport: z.object({ time: z.number(), throughSeq: z.number(), eventId: z.string() }).nullable(),
  pruneThroughSeq: z.number(),
  /** Events the saved policy would prune now. */
  eventsToPrune: z.number(),
  /** False when a prune now would be refused until a full export. */
  isCoveredByExport: z.boolean(),
})

const pruneOutput = z.object({ prunedEvents: z.number(), prunedEntries: z.number(), anchorSeq: z.number(), eventId: z.string().nullable() })

const policyRef = { policyName: z.string().min(1).max(256), connectionId: connectionId.optional() }

export const auditContract = {
  'audit.list': { input: auditPageRequestSchema, output: z.object({ events: z.array(eventSummary), nextCursor: z.number().nullable() }) },
  'audit.get': { input: z.strictObject({ id: z.string().min(1).max(100) }).strict(), output: eventDetail },
  'audit.verify': { input: z.strictObject({}).strict(), output: verifyReport },
  'audit.export': { input: exportInput, output: exportOutput },
  'audit.policyHistory': { input: z.strictObject(policyRef).strict(), output: z.array(policyVersion) },
  'audit.policyDiff': {
    input: z.strictObject({ ...policyRef, from: z.number().int().positive(), to: z.number().int().positive() }).strict(),
    output: z.object({ from: z.number(), to: z.number(), patch: z.string(), added: z.number(), removed: z.number() }),
  },
  'audit.retention': { input: z.strictObject({}).strict(), output: retentionStatus },
  /** Saves the policy (recorded as audit.retentionChanged); `{}` keeps everything. Returns the new status. */
  'audit.setRetention': { input: retentionPolicySchema, output: retentionStatus },
  /** Applies the saved policy; CONFLICT until a full export covers what it would remove. */
  'audit.prune': { input: z.strictObject({}).strict(), output: pruneOutput },
} as const

export type AuditEventSummary = z.output<typeof eventSummary>
export type AuditEventDetail = z.output<typeof eventDetail>
export type AuditVerifyReport = z.output<typeof verifyReport>
export type AuditExportResult = z.output<typeof exportOutput>
export type AuditPolicyVersion = z.output<typeof policyVersion>
export type AuditRetentionStatus = z.output<typeof retentionStatus>
export type AuditRetentionPolicy = z.output<typeof retentionPolicySchema>
export type AuditPruneResult = z.output<typeof pruneOutput>
