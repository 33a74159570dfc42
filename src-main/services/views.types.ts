import type { PrincipalKind } from '../access/principals.ts'
import type { AccessKeyInfo, EntityStatus } from '../minio/index.ts'
import type { DecisionEffect } from '../policy/index.ts'
import type { ShownError } from '../shared/show-error.ts'

/**
 * What the screens' services take and return, owned here (services import nothing of the contract
 * but api/result.ts). The contract's zod schemas describe the same shapes on the wire;
 * api/contract-types.test.ts holds each pair equal, so a drift fails the type check.
 */

// Users (users.service.ts)
export interface UserView {
  accessKey: string
  status: EntityStatus
  /** Policies attached to the user directly. */
  policies: string[]
  memberOf: string[]
}

export interface EffectivePolicy {
  policy: string
  /** 'user' for a direct attachment, otherwise the group it comes through. */
  via: string
  isActive: boolean
}

export interface UserDetail extends UserView {
  policyUpdatedAt?: string
  groups: Array<{ name: string; status: EntityStatus; policies: string[] }>
  /** Every policy that reaches the user and whether it applies (§4.6: a disabled group denies everything). */
  effective: EffectivePolicy[]
  /** Why the user currently has no access at all, when that is the case. */
  deniedAllReason?: string
}

// Groups (groups.service.ts)
export interface GroupView {
  name: string
  status: EntityStatus
  members: string[]
  /** Attached policies; MinIO reports none while the group is disabled (§4.2). */
  policies: string[]
  updatedAt?: string
}

// Policies (policies.service.ts, policy-check.ts)
export interface PolicySummary {
  name: string
  isBuiltin: boolean
  statementCount: number
}

export interface PolicyDetail {
  name: string
  isBuiltin: boolean
  /** The document as MinIO returns it, pretty-printed. */
  text: string
  createdAt?: string
  updatedAt?: string
}

export interface PolicyEntitiesView {
  users: string[]
  groups: string[]
}

/** `policies.remove`: the policy is gone; `deletedCases` of its saved cases went with it (0 when they were kept). */
export interface PolicyRemoval {
  removed: true
  deletedCases: number
}

/** One squiggle: MinIO's validation (blocks saving when an error) or lint advice (never blocks). */
export interface PolicyIssue {
  source: 'validation' | 'lint'
  severity: 'error' | 'warning' | 'info'
  message: string
  path: string
  line?: number
  column?: number
  ruleId?: string
  /** A mechanical lint fix: the whole document with it applied (the editor applies only what changed). */
  fix?: { title: string; text: string }
}

// Access keys (access-keys.service.ts)
/** One key as the admin API describes it (minio/types.ts, without the secret), its session policy as text. */
export interface AccessKeyDetail extends AccessKeyInfo {
  /** The session policy text when `impliedPolicy` is false. */
  sessionPolicy?: string
}

/**
 * A row of the every-user listing (access-keys-listing.service.ts). MinIO's bulk listing fills only
 * the key and its expiry; the owner's status is added, and the rest only for a disabled owner's keys.
 */
export interface AccessKeyRow {
  user: string
  accessKey: string
  expiresAt?: string
  parentStatus?: EntityStatus
  status?: EntityStatus
  name?: string
  hasSessionPolicy?: boolean
}

/** What one owner's listing says of each key, for the filters (`accessKeys.details`). */
export interface AccessKeyFacts {
  user: string
  accessKey: string
  status: EntityStatus
  name?: string
  hasSessionPolicy: boolean
  expiresAt?: string
}

// Bulk (users-bulk.service.ts)
export type UserBulkAction =
  | { kind: 'attach' | 'detach'; policies: string[] }
  | { kind: 'addToGroup' | 'removeFromGroup'; group: string }
  | { kind: 'enable' | 'disable' }
  | { kind: 'delete' }

export interface UserBulkResult {
  accessKey: string
  /** `skipped`: nothing was changed for this user (not sent, or it already was as asked); the error says which. */
  status: 'ok' | 'failed' | 'skipped'
  error?: ShownError
}

export interface UserBulkReport {
  results: UserBulkResult[]
  totals: { total: number; ok: number; failed: number; skipped: number }
}

// Access (access.service.ts)
export interface AccessAnswer {
  conditional: boolean
  conditions: string[]
  decidedBy: Array<{ policy: string; statement: number; sid?: string; effect: 'Allow' | 'Deny' }>
  summary: string
}

export interface WhoCanEntry extends AccessAnswer {
  kind: PrincipalKind
  name: string
}

export interface WhoCanView {
  action: string
  resource: string
  allowed: WhoCanEntry[]
  /** False when the question left the access keys out (`allowed` then has users and groups only). */
  accessKeysRead: boolean
}

export interface MatrixCellView extends AccessAnswer {
  action: string
  resource: string
  decision: DecisionEffect
}

export interface MatrixView {
  principal: { kind: PrincipalKind; name: string }
  actions: string[]
  resources: string[]
  cells: MatrixCellView[]
  csv: string
}
