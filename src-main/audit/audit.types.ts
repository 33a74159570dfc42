/**
 * The audit trail's public vocabulary: the closed set of actions, the event model and query filters.
 * The contract (api/audit.contract.ts, a leaf) lists the same actions, target types and retention
 * limits for the wire; api/contract-lists.test.ts holds the two equal. Nothing here may ever carry a
 * secret (secret keys, session tokens); see audit-redact.ts.
 */
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

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export const TARGET_TYPES = ['user', 'group', 'policy', 'accessKey', 'connection', 'snapshot', 'audit'] as const

export type TargetType = (typeof TARGET_TYPES)[number]

/** The connection an event happened on. Never the secret key; the endpoint is stored without userinfo. */
export interface ConnectionRef {
  id: string
  name: string
  endpoint: string
}

export interface AuditTarget {
  type: TargetType
  /** User name, group name, policy name, access key, connection name, file name, ... */
  name: string
}

export type OutcomeKind = 'ok' | 'error' | 'unknown'

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'error'; code: string; message: string }
  /** The intent was written but no completion: the app stopped between the two (or is still running it). */
  | { kind: 'unknown' }

/** What is known before the server call. */
export interface AuditIntent {
  connection: ConnectionRef | null
  /** The access key that makes the call (never its secret). */
  actor: string
  action: AuditAction
  target: AuditTarget
  /** State before the change (e.g. the policy document, the attached set), when it exists. */
  before?: unknown
  /** Request parameters worth keeping (e.g. the policies being attached). Redacted like before/after. */
  details?: unknown
  /**
   * Secret values the caller knows are in flight (e.g. a new user's secret key): any occurrence in any
   * stored text is replaced, as a second line of defence behind key-name redaction.
   */
  sensitive?: readonly string[]
}

/** One event as queries return it: the intent joined with its completion, if any. */
export interface AuditEvent {
  id: string
  /** Position in the chain of the intent row; the keyset cursor of queries. */
  seq: number
  /** UTC milliseconds when the intent was written. */
  time: number
  connection: ConnectionRef | null
  actor: string
  action: AuditAction
  target: AuditTarget
  outcome: Outcome
  durationMs: number | null
  before: unknown
  after: unknown
  details: unknown
}

export interface AuditFilter {
  /** Inclusive lower bound, UTC ms. */
  since?: number
  /** Exclusive upper bound, UTC ms. */
  until?: number
  connectionId?: string
  /** The connection's name as it was when the event was recorded (the CLI's --connection). */
  connectionName?: string
  /** 'policy.' matches every policy action; 'policy.updated' exactly that one. */
  actionPrefix?: string
  target?: string
  targetType?: TargetType
  outcome?: OutcomeKind
  /** FTS5 full-text search over targets, actions and error messages (plain words, ANDed). */
  search?: string
}

export interface AuditPage {
  events: AuditEvent[]
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: number | null
}

export type VerifyReport =
  | { intact: true; rows: number }
  | { intact: false; rows: number; firstBrokenSeq: number; eventId: string | null; reason: string }

/** Bounds of a retention policy: whole numbers, at most a century, a billion events or a tebibyte. */
export const RETENTION_LIMITS = {
  maxAgeDays: { min: 1, max: 36_500 },
  maxEvents: { min: 1, max: 1_000_000_000 },
  // Below 1 MiB the schema and indexes alone would exceed the limit and every prune would empty the trail.
  maxBytes: { min: 1_048_576, max: 1_099_511_627_776 },
} as const
