import type { AdminClient, EntityStatus, PolicyTarget } from '../minio/index.ts'
import { AppFailure } from '../api/result.ts'
import { generateSecretKey } from '../shared/secret-generator.ts'
import { runBulk, type BulkOptions, type BulkReport } from './bulk-runner.ts'

/**
 * The audited changes bulk operations make. Pass the IAM service (src-main/services/iam-session.ts),
 * never a bare AdminClient: every item then becomes its own audit event.
 */
export type BulkIam = Pick<AdminClient, 'createUser' | 'removeUser' | 'setUserStatus' | 'attachPolicies' | 'detachPolicies' | 'addGroupMembers' | 'removeGroupMembers' | 'setAccessKeyStatus'>

export interface NewBulkUser {
  accessKey: string
  /** Generated (40 characters) when absent; returned once in the item's value. */
  secretKey?: string
  status?: EntityStatus
  /** Attached right after the user is created, in the same item. */
  policies?: readonly string[]
}

/** A created user's credentials: the one time the secret is handed back. Never log or audit it. */
export interface CreatedUser {
  accessKey: string
  secretKey: string
  attachedPolicies: string[]
}

export interface PolicyAssignment {
  target: PolicyTarget
  policies: readonly string[]
}

export interface MembershipChange {
  group: string
  member: string
}

function describeTarget(target: PolicyTarget): string {
  return 'user' in target ? `user '${target.user}'` : `group '${target.group}'`
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ')
}

/**
 * Creates users, each with its policies attached in the same item. A user created whose attach
 * then fails is reported as failed with a message saying the user exists, so a retry attaches
 * only. Returns the secrets (generated ones included) in the items' values.
 */
export function createUsers(iam: BulkIam, users: readonly NewBulkUser[], options?: BulkOptions<CreatedUser>): Promise<BulkReport<CreatedUser>> {
  return runBulk(
    users,
    {
      label: (user) => `create user '${user.accessKey}'`,
      run: async (user) => {
        const secretKey = user.secretKey ?? generateSecretKey()
        await iam.createUser({ accessKey: user.accessKey, secretKey, status: user.status ?? 'enabled' })
        const policies = user.policies ?? []
        if (policies.length === 0) return { accessKey: user.accessKey, secretKey, attachedPolicies: [] }
        const change = await iam.attachPolicies({ user: user.accessKey }, policies).catch((error: unknown) => {
          if (!(error instanceof AppFailure)) throw error
          const message = `User '${user.accessKey}' was created, but attaching ${quoted(policies)} failed: ${error.message} Attach them to the existing user.`
          throw new AppFailure(error.code, message, { ...error.details, isUserCreated: true })
        })
        return { accessKey: user.accessKey, secretKey, attachedPolicies: change.policies }
      },
    },
    options,
  )
}

/** Deletes users (with their memberships, access keys and policy mappings, as MinIO does). */
export function deleteUsers(iam: BulkIam, accessKeys: readonly string[], options?: BulkOptions<void>): Promise<BulkReport<void>> {
  return runBulk(accessKeys, { label: (accessKey) => `delete user '${accessKey}'`, run: (accessKey) => iam.removeUser(accessKey) }, options)
}

/**
 * Enables or disables users, one per item. MinIO answers NOT_FOUND for an unknown user; setting the
 * status a user already has succeeds (and is still one audit event).
 */
export function setUserStatuses(iam: BulkIam, accessKeys: readonly string[], status: EntityStatus, options?: BulkOptions<void>): Promise<BulkReport<void>> {
  const verb = status === 'enabled' ? 'enable' : 'disable'
  return runBulk(accessKeys, { label: (accessKey) => `${verb} user '${accessKey}'`, run: (accessKey) => iam.setUserStatus(accessKey, status) }, options)
}

/** Attaches policies to many users or groups; each value lists the names actually attached. */
export function attachPolicies(iam: BulkIam, assignments: readonly PolicyAssignment[], options?: BulkOptions<string[]>): Promise<BulkReport<string[]>> {
  return runBulk(
    assignments,
    {
      label: (item) => `attach ${quoted(item.policies)} to ${describeTarget(item.target)}`,
      run: async (item) => (await iam.attachPolicies(item.target, item.policies)).policies,
    },
    options,
  )
}

/** Detaches policies from many users or groups; each value lists the names actually detached. */
export function detachPolicies(iam: BulkIam, assignments: readonly PolicyAssignment[], options?: BulkOptions<string[]>): Promise<BulkReport<string[]>> {
  return runBulk(
    assignments,
    {
      label: (item) => `detach ${quoted(item.policies)} from ${describeTarget(item.target)}`,
      run: async (item) => (await iam.detachPolicies(item.target, item.policies)).policies,
    },
    options,
  )
}

/**
 * Adds users to groups, one membership per item. MinIO's update-group-members is all-or-nothing for
 * its member list, so one call per membership is what gives a result per user.
 */
export function addGroupMembers(iam: BulkIam, changes: readonly MembershipChange[], options?: BulkOptions<void>): Promise<BulkReport<void>> {
  return runBulk(
    changes,
    { label: (change) => `add user '${change.member}' to group '${change.group}'`, run: (change) => iam.addGroupMembers(change.group, [change.member]) },
    options,
  )
}

/** Removes users from groups, one membership per item. */
export function removeGroupMembers(iam: BulkIam, changes: readonly MembershipChange[], options?: BulkOptions<void>): Promise<BulkReport<void>> {
  return runBulk(
    changes,
    { label: (change) => `remove user '${change.member}' from group '${change.group}'`, run: (change) => iam.removeGroupMembers(change.group, [change.member]) },
    options,
  )
}

/** Enables or disables access keys, one per item (one audit event each). NOT_FOUND for an unknown key. */
export function setAccessKeyStatuses(iam: BulkIam, accessKeys: readonly string[], status: EntityStatus, options?: BulkOptions<void>): Promise<BulkReport<void>> {
  const verb = status === 'enabled' ? 'enable' : 'disable'
  return runBulk(accessKeys, { label: (accessKey) => `${verb} access key '${accessKey}'`, run: (accessKey) => iam.setAccessKeyStatus(accessKey, status) }, options)
}
