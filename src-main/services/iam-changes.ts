import { randomInt } from 'node:crypto'
import type { AuditAction, AuditTarget } from '../audit/audit.types.ts'
import type { MutatingOperation } from '../minio/index.ts'
import type { AccessKeyDetails, AccessKeyUpdate, EntityStatus, PolicyTarget } from '../minio/types.ts'

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

const ACCESS_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomText(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')
}

/**
 * A new access key pair in MinIO's own shape (20 upper-case characters, 40-character secret),
 * generated here rather than by the server so the intent written before the call already names
 * the key it creates.
 */
export function generateAccessKeyPair(): { accessKey: string; secretKey: string } {
  return { accessKey: randomText(ACCESS_KEY_ALPHABET, 20), secretKey: randomText(SECRET_ALPHABET, 40) }
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
