import type { AccessKeyUpdate, EntityStatus, PolicyDocument, PolicyTarget } from '../minio/index.ts'

/** One server call an apply makes. Secrets are not part of a plan: they are generated when applied. */
export type PlanOperation =
  | { type: 'createPolicy'; name: string; document: PolicyDocument }
  | { type: 'updatePolicy'; name: string; document: PolicyDocument }
  | { type: 'deletePolicy'; name: string }
  | { type: 'createUser'; accessKey: string; status: EntityStatus }
  | { type: 'setUserStatus'; accessKey: string; status: EntityStatus }
  | { type: 'removeUser'; accessKey: string }
  | { type: 'createGroup'; name: string }
  | { type: 'setGroupStatus'; name: string; status: EntityStatus }
  | { type: 'deleteGroup'; name: string }
  | { type: 'addGroupMembers'; name: string; members: string[] }
  | { type: 'removeGroupMembers'; name: string; members: string[] }
  | { type: 'attachPolicies'; target: PolicyTarget; policies: string[] }
  | { type: 'detachPolicies'; target: PolicyTarget; policies: string[] }
  | { type: 'createAccessKey'; accessKey: string; parentUser: string; status: EntityStatus; name?: string; description?: string; expiresAt?: string; policy?: PolicyDocument }
  | { type: 'updateAccessKey'; accessKey: string; update: Omit<AccessKeyUpdate, 'secretKey'> }
  | { type: 'deleteAccessKey'; accessKey: string }

/** The order an apply runs in (the contract lists it too; api/contract-lists.test.ts holds the two equal). */
export const PLAN_PHASES = ['policies', 'create', 'members', 'attachments', 'accessKeys', 'emptyGroups', 'removeEntities', 'removePolicies', 'disable'] as const
export type PlanPhase = (typeof PLAN_PHASES)[number]

export type PlanEntity = 'policy' | 'user' | 'group' | 'accessKey'

/** One step of a plan: what changes, in words, and the call that makes it. */
export interface PlanStep {
  /** 1-based position; results and dependencies refer to it. */
  id: number
  /** Steps run phase by phase (several at once within a phase): each phase needs only earlier ones. */
  phase: PlanPhase
  kind: 'create' | 'change' | 'remove'
  entity: PlanEntity
  /** The entity the step changes (user access key, group, policy or access key name). */
  name: string
  /** "attach readonly, diagnostics", "status enabled → disabled", … */
  summary: string
  operation: PlanOperation
  /** Entities (`user:alice`, `group:ops`, `policy:p`) that must exist for this step to succeed. */
  needs: string[]
  /** The entity this step creates, for the steps that need it. */
  provides?: string
}

/** What an apply would do, in the order it would do it, with what it cannot or will not do. */
export interface SnapshotPlan {
  steps: PlanStep[]
  /** Differences the plan leaves alone, each with the reason (MinIO cannot do it, or it is unsafe). */
  warnings: string[]
  counts: Record<'create' | 'change' | 'remove', number>
}
