/**
 * Public types of the policy engine. The engine mirrors MinIO's policy language as
 * github.com/minio/pkg/v3 `policy` v3.1.3 implements it (spec: minio-policy-semantics.md).
 * Pure data: no node:*, no DOM, no Electron, so the renderer and the CLI can both import it.
 */
import type { PolicySemantics } from './semantics.ts'

/** A JSON value as a policy document may hold it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** One statement as written (field names normalised to MinIO's canonical spelling by parsePolicy). */
export interface PolicyStatementDocument {
  Sid?: string
  Effect?: string
  Action?: JsonValue
  NotAction?: JsonValue
  Resource?: JsonValue
  NotResource?: JsonValue
  Condition?: JsonValue
  [field: string]: JsonValue | undefined
}

/** A policy document as written (canonical field names after parsePolicy). */
export interface PolicyDocument {
  Version?: string
  ID?: string
  Statement?: PolicyStatementDocument[] | null
  [field: string]: JsonValue | PolicyStatementDocument[] | undefined
}

/** A finding about a document: a JSON path such as `Statement[2].Action[0]`, a message, a severity. */
export interface Issue {
  path: string
  message: string
  severity: 'error' | 'warning'
  line?: number
  column?: number
}

/** Where a JSON value sits in the source text (1-based line and column, 0-based offsets). */
export interface SourcePosition {
  line: number
  column: number
  offset: number
  endOffset: number
}

/** Result of parsePolicy: the document (absent on a JSON syntax error), issues, and positions by path. */
export interface ParseResult {
  document?: PolicyDocument
  issues: Issue[]
  /** JSON path (canonical field names, `Statement[0].Action[1]`, `Statement[0].Condition.StringEquals.s3:prefix`) → position. */
  positions: Map<string, SourcePosition>
}

/** The condition-value map exactly as MinIO's evaluator receives it: short key names (§4.2, §4.7). */
export type ConditionValues = Record<string, string[]>

/** A request as MinIO's `policy.Args` carries it. */
export interface PolicyRequest {
  action: string
  bucket?: string
  object?: string
  account?: string
  groups?: string[]
  isOwner?: boolean
  denyOnly?: boolean
  conditionValues?: ConditionValues
}

/** One conformance / CLI case: documents (objects or raw JSON text) combined as a user's attached policies. */
export interface PolicyCase {
  id: string
  policies: Array<PolicyDocument | string>
  request: PolicyRequest
}

/** The answer to a case: allowed, or MinIO's ParseConfig error for the first rejected document. */
export type CaseOutcome =
  | { id: string; allowed: boolean; explanation?: Explanation }
  | { id: string; error: string }

export type DecisionEffect = 'allow' | 'explicitDeny' | 'implicitDeny'

/** A decision of the compiled evaluator; `explanation` only when asked for. */
export interface Decision {
  effect: DecisionEffect
  allowed: boolean
  explanation?: Explanation
}

/** How one condition function fared against the request. */
export interface ConditionTrace {
  operator: string
  key: string
  /** The request values the operator saw (after MinIO's canonical/raw key lookup). */
  requestValues: string[]
  /** The policy values after variable substitution, as compared. */
  policyValues: string[]
  matched: boolean
  reason: string
}

/** How one resource pattern fared. */
export interface ResourceTrace {
  pattern: string
  /** The pattern after `${...}` substitution. */
  substituted: string
  matched: boolean
  via?: 'exact' | 'wildcard'
}

/** Per-statement trace, produced by the same code that decides. */
export interface StatementTrace {
  policyIndex: number
  statementIndex: number
  sid?: string
  effect: 'Allow' | 'Deny'
  kind: 'admin' | 'sts' | 'kms' | 's3'
  actionMatched: boolean
  actionDetail: string
  resourceChecked: boolean
  resourceMatched: boolean
  resourceDetail: string
  requestResource: string
  resources: ResourceTrace[]
  conditions: ConditionTrace[]
  conditionsMatched: boolean
  /** Whether the statement as a whole applies to the request (action, resource and conditions). */
  applies: boolean
}

export interface Explanation {
  effect: DecisionEffect
  /** Why the decision went the way it did, in one sentence. */
  summary: string
  /** Statements that decided: the matching Deny, or the matching Allow(s). Empty for implicit deny. */
  decisive: StatementTrace[]
  /** Every statement that was looked at, in evaluation order (Deny pass, then Allow pass). */
  statements: StatementTrace[]
}

/** A group as the principal layer sees it. */
export interface PrincipalGroup {
  name: string
  enabled: boolean
  policies: Array<PolicyDocument | string>
}

/** A principal: a user (or an access key's parent) with its groups, as the server combines them (§5.4). */
export interface PrincipalInput {
  userPolicies: Array<PolicyDocument | string>
  groups?: PrincipalGroup[]
  /** Present when the request is signed with an access key (service account) of this user. */
  accessKey?: { sessionPolicy?: PolicyDocument | string | 'inherit' }
  /** Root credentials: the server allows before evaluating anything (§5.4 step 2). */
  isRoot?: boolean
  /** The evaluator's own IsOwner argument (§5.2). */
  isOwner?: boolean
  denyOnly?: boolean
}

export type PrincipalReason =
  | 'root'
  | 'disabledGroup'
  | 'noPolicies'
  | 'evaluated'
  | 'sessionPolicyDenied'
  | 'invalidPolicy'

/** The principal layer's answer: the decision, why, and the parent / session decisions it combined. */
export interface PrincipalDecision extends Decision {
  reason: PrincipalReason
  summary: string
  /** The combined user + enabled-group policy decision (absent when never evaluated). */
  parent?: Decision
  /** The access key's session policy decision (absent when inherited). */
  session?: Decision
  /** Set when a document failed to parse (reason `invalidPolicy`). */
  error?: string
}

/** Options of validatePolicy: which server rules apply on top of MinIO's ParseConfig. */
export interface ValidateOptions {
  /** `canned`: add-canned-policy (Version required, ≤ 20 KiB, ≥ 1 statement); `session`: access-key policy (≤ 4096 bytes re-serialised). */
  kind: 'canned' | 'session'
  name?: string
  /** Which minio/pkg decides (default v3.1.3). */
  semantics?: PolicySemantics
}
