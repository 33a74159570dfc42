import type { ConditionSource } from '../policy/server-request/condition-map.ts'
import type { S3OperationKind } from '../policy/server-request/s3-operations.ts'
import type { SemanticsChoice } from '../policy/server-request/semantics.ts'
import type { ConditionValues, DecisionEffect, Issue, PrincipalReason, StatementTrace } from '../policy/index.ts'

/**
 * The policy tester's own types: what tester.service.ts takes and returns. The contract
 * (api/tester.contract.ts) describes the same shapes on the wire; the adapters are type-checked
 * against it, so a drift between the two fails the type check.
 */

/** A policy document of the workspace, its text exactly as pasted or loaded. */
export interface WorkspaceDocument {
  id: string
  name: string
  text: string
}

/** Who asks: the user's and groups' policies by workspace document id, and an access key's session policy. */
export interface TesterPrincipal {
  userName?: string
  userPolicies: string[]
  groups: Array<{ name: string; enabled: boolean; policies: string[] }>
  /** Present when the request is signed with an access key: its session policy document, or null to inherit. */
  accessKey?: { sessionPolicy: string | null; name?: string }
  isRoot?: boolean
  isOwner?: boolean
}

/** The question: an action on a bucket/object, or an S3 request the server's handler checks. */
export interface TesterRequest {
  action: string
  bucket: string
  object: string
  /** Overrides of the server's condition map, full key names. */
  conditions: Record<string, string[]>
  operation?: TesterOperation
  transport: {
    secureTransport: boolean
    sourceIp: string
    authType: 'signed-v4' | 'presigned-v4' | 'streaming-v4' | 'post-policy' | 'signed-v2' | 'presigned-v2'
    headers: Record<string, string[]>
    query: Record<string, string[]>
  }
  /** The server's clock (ISO 8601); now when absent. */
  now?: string
  semantics: { id?: string; serverVersion?: string }
}

/** An S3 request's own fields (its bucket and key are the request's). */
export interface TesterOperation {
  kind: S3OperationKind
  versionId?: string
  storedTags?: Record<string, string>
  tags?: Record<string, string>
  source?: { bucket: string; key: string; versionId?: string }
  prefix?: string
  delimiter?: string
  maxKeys?: string
  buckets?: string[]
}

/** One entry of the condition map with where it came from; `overridden` when the user's value replaced it. */
export interface FilledEntry {
  key: string
  values: string[]
  source: ConditionSource | 'override'
  overridden: boolean
}

/** A statement's trace, labelled with the workspace document it came from. */
export type LabelledStatementTrace = StatementTrace & { documentId: string | null; documentName: string; isDecisive: boolean }

/** The decision of one policy set (the parent's, or the session policy's). */
export interface DecisionPart {
  effect: DecisionEffect
  allowed: boolean
  summary: string
  statements: LabelledStatementTrace[]
}

/** One check of an S3 request, in the server's order. */
export interface OperationCheckView {
  action: string
  bucket: string
  object: string
  denyOnly: boolean
  purpose: string
  allowed: boolean
  effect: DecisionEffect
  summary: string
  conditionValues: ConditionValues
}

/** The engine's answer to the workspace's question. */
export interface TesterAnswer {
  effect: DecisionEffect
  allowed: boolean
  reason: PrincipalReason
  summary: string
  parent?: DecisionPart
  session?: DecisionPart
  error?: string
  conditionValues: ConditionValues
  serverFilled: string[]
  filled: FilledEntry[]
  semantics: { id: string; pkg: string } & Omit<SemanticsChoice, 'semantics'>
  operation?: { kind: string; allowed: boolean; summary: string; checks: OperationCheckView[]; listedBuckets?: string[] }
  documents: Array<{ id: string; name: string; issues: Issue[] }>
}

/** A principal's IAM state (a live user or a snapshot), which the renderer turns into documents and a principal. */
export interface IamState {
  source: string
  users: Array<{ name: string; enabled: boolean; policies: string[]; groups: string[] }>
  groups: Array<{ name: string; enabled: boolean; policies: string[] }>
  /** Policy documents by name, as text (pretty JSON). */
  policies: Array<{ name: string; text: string }>
  /** Access keys of the users: the principal may be one of them (its session policy as text, null = inherits). */
  accessKeys: Array<{ accessKey: string; parentUser: string; enabled: boolean; sessionPolicy: string | null }>
  /** A live principal's connection: https or not (aws:SecureTransport of its requests). */
  secureTransport?: boolean
  /** A live principal's server version (server info), which selects the policy semantics. */
  serverVersion?: string
}
