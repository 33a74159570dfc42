import type { AuditAction, AuditTarget } from '../audit/audit.types.ts'
import type { MutatingOperation } from '../minio/index.ts'
import { AppFailure } from '../api/result.ts'
import type { AccessKeyDetails, AccessKeyUpdate, CreatedAccessKey, EntityStatus, NewAccessKey, PolicyDocument, PolicyTarget } from '../minio/types.ts'

/**
 * The audit action(s) each mutating admin operation records (status changes record the enabled or
 * disabled form). The IAM service and its test both read this; a new operation without an entry
 * fails to compile.
 */
export const AUDITED_ACTIONS: Record<MutatingOperation, readonly AuditAction[]> = {
  createUser: ['user.created'],
  setUserSecret: ['user.secretChanged'],
  setUserStatus: ['user.enabled', 'user.disabled'],
  removeUser: ['user.deleted'],
  createGroup: ['group.created'],
  addGroupMembers: ['group.membersAdded'],
  removeGroupMembers: ['group.membersRemoved'],
  setGroupStatus: ['group.enabled', 'group.disabled'],
  deleteGroup: ['group.deleted'],
  createPolicy: ['policy.created'],
  updatePolicy: ['policy.updated'],
  deletePolicy: ['policy.deleted'],
  attachPolicies: ['policy.attached'],
  detachPolicies: ['policy.detached'],
  createAccessKey: ['accessKey.created'],
  updateAccessKey: ['accessKey.updated'],
  setAccessKeyStatus: ['accessKey.enabled', 'accessKey.disabled'],
  deleteAccessKey: ['accessKey.deleted'],
}

export function statusAction<S extends 'user' | 'group' | 'accessKey'>(subject: S, status: EntityStatus): `${S}.enabled` | `${S}.disabled` {
  return `${subject}.${status === 'enabled' ? 'enabled' : 'disabled'}`
}

export function policyTargetOf(target: PolicyTarget): AuditTarget {
  return 'user' in target ? { type: 'user', name: target.user } : { type: 'group', name: target.group }
}

/** Sorted union, for the attached set or member list after an add. */
export function union(before: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...before, ...added])].sort()
}

/** Sorted difference, for the attached set or member list after a removal. */
export function without(before: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed)
  return before.filter((item) => !gone.has(item)).sort()
}

/** What the trail keeps of an access key: metadata and session policy, never the secret. */
export function accessKeyState(details: AccessKeyDetails): Record<string, unknown> {
  return {
    parentUser: details.parentUser,
    status: details.status,
    name: details.name ?? null,
    description: details.description ?? null,
    expiresAt: details.expiresAt ?? null,
    policy: details.impliedPolicy ? null : (details.policy ?? null),
  }
}

/** The access key state after an update, from the state before and the update (secret left out). */
export function accessKeyStateAfter(before: Record<string, unknown>, update: AccessKeyUpdate): Record<string, unknown> {
  const { secretKey: _secret, policy, ...fields } = update
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
  return { ...before, ...defined, policy: policy === undefined ? before.policy : policy }
}

/** What the trail keeps of a key just created (the `after` of `accessKey.created`; secret left out). */
export function createdAccessKeyState(request: NewAccessKey, created: CreatedAccessKey, actor: string): Record<string, unknown> {
  return { parentUser: request.targetUser ?? actor, status: 'enabled', name: request.name ?? null, description: request.description ?? null, expiresAt: created.expiresAt ?? null, policy: request.policy ?? null }
}

/** A policy as the trail keeps it: the parsed document, or the text that did not parse. */
export function parsedDocument(document: PolicyDocument | string): unknown {
  if (typeof document !== 'string') return document
  try {
    return JSON.parse(document) as unknown
  } catch {
    return { unparsedText: document }
  }
}

/**
 * The state before a change, best effort: when it cannot be read (unknown entity, no permission),
 * undefined, and the change is still attempted and recorded without it (the server gives the real
 * answer). Bugs still throw.
 */
export async function bestEffort<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof AppFailure) return undefined
    throw error
  }
}
