import { z } from 'zod'

/**
 * The IAM snapshot file: one versioned JSON document with the IAM state of a deployment (users,
 * groups, policies, policy attachments, access key metadata) and never a secret. It is the offline
 * workspace the policy tester and the CLI load, and the desired state `snapshot apply` converges
 * a server to. Objects are strict, so a `secretKey` field (or any unknown field) is refused.
 */
export const SNAPSHOT_FORMAT = 'gatehouse.iam-snapshot'
export const SNAPSHOT_VERSION = 1

/** MinIO's built-in policies (§4.9): always present on a server, never removed by an apply. */
export const BUILT_IN_POLICIES: readonly string[] = ['consoleAdmin', 'diagnostics', 'readonly', 'readwrite', 'writeonly']

const name = z.string().min(1).max(1024)
const status = z.enum(['enabled', 'disabled'])
const policyDocument = z.record(z.string(), z.unknown())
const names = z.array(name)

export const snapshotPolicySchema = z.strictObject({ name, document: policyDocument })

export const snapshotUserSchema = z.strictObject({
  accessKey: name,
  status,
  /** Policies attached to the user itself. */
  policies: names,
  /** Groups the user is in (the same facts as the groups' member lists, for reading). */
  memberOf: names,
})

export const snapshotGroupSchema = z.strictObject({ name, status, members: names, policies: names })

export const snapshotAccessKeySchema = z.strictObject({
  accessKey: name,
  parentUser: name,
  status,
  name: z.string().optional(),
  description: z.string().optional(),
  /** ISO 8601; absent when the key never expires. */
  expiresAt: z.string().optional(),
  /** The session policy restricting the key; absent when it inherits its owner's policies. */
  sessionPolicy: policyDocument.optional(),
})

const snapshotBaseSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  exportedAt: z.string(),
  /** Where it was exported from; informational. */
  source: z.strictObject({ endpoint: z.string(), connection: z.string().optional(), exportedBy: z.string() }),
  policies: z.array(snapshotPolicySchema),
  users: z.array(snapshotUserSchema),
  groups: z.array(snapshotGroupSchema),
  accessKeys: z.array(snapshotAccessKeySchema),
})

/** The file's schema: shape, then the cross-references an apply depends on. */
export const snapshotSchema = snapshotBaseSchema.superRefine((snapshot, context) => {
  for (const issue of consistencyIssues(snapshot)) context.addIssue({ code: 'custom', path: issue.path, message: issue.message })
})

export type Snapshot = z.infer<typeof snapshotBaseSchema>
export type SnapshotPolicy = z.infer<typeof snapshotPolicySchema>
export type SnapshotUser = z.infer<typeof snapshotUserSchema>
export type SnapshotGroup = z.infer<typeof snapshotGroupSchema>
export type SnapshotAccessKey = z.infer<typeof snapshotAccessKeySchema>

interface Issue {
  path: (string | number)[]
  message: string
}

/**
 * What makes a snapshot impossible to apply: duplicate names, references to policies, users or
 * groups it does not contain, and memberOf lists that disagree with the groups' members.
 */
function consistencyIssues(snapshot: Snapshot): Issue[] {
  const issues: Issue[] = []
  const policies = uniqueNames(snapshot.policies.map((policy) => policy.name), 'policies', 'policy', issues)
  const users = uniqueNames(snapshot.users.map((user) => user.accessKey), 'users', 'user', issues)
  const groups = uniqueNames(snapshot.groups.map((group) => group.name), 'groups', 'group', issues)
  uniqueNames(snapshot.accessKeys.map((key) => key.accessKey), 'accessKeys', 'access key', issues)
  const expectedMemberOf = new Map<string, string[]>()
  snapshot.groups.forEach((group, index) => {
    refs(group.policies, policies, ['groups', index, 'policies'], 'policy', issues)
    refs(group.members, users, ['groups', index, 'members'], 'user', issues)
    for (const member of group.members) expectedMemberOf.set(member, [...(expectedMemberOf.get(member) ?? []), group.name])
  })
  snapshot.users.forEach((user, index) => {
    refs(user.policies, policies, ['users', index, 'policies'], 'policy', issues)
    refs(user.memberOf, groups, ['users', index, 'memberOf'], 'group', issues)
    const expected = (expectedMemberOf.get(user.accessKey) ?? []).sort().join(', ')
    if ([...user.memberOf].sort().join(', ') !== expected) {
      issues.push({ path: ['users', index, 'memberOf'], message: `User '${user.accessKey}' lists groups [${user.memberOf.join(', ')}] but the groups' member lists say [${expected}]; make them agree.` })
    }
  })
  snapshot.accessKeys.forEach((key, index) => {
    if (!users.has(key.parentUser)) issues.push({ path: ['accessKeys', index, 'parentUser'], message: `Access key '${key.accessKey}' belongs to user '${key.parentUser}', which is not in the snapshot's users.` })
  })
  return issues
}

function uniqueNames(list: string[], path: string, kind: string, issues: Issue[]): Set<string> {
  const seen = new Set<string>()
  list.forEach((item, index) => {
    if (seen.has(item)) issues.push({ path: [path, index], message: `The ${kind} '${item}' appears more than once.` })
    seen.add(item)
  })
  return seen
}

function refs(list: readonly string[], known: Set<string>, path: (string | number)[], kind: string, issues: Issue[]): void {
  list.forEach((item, index) => {
    if (!known.has(item)) issues.push({ path: [...path, index], message: `Names the ${kind} '${item}', which is not in the snapshot.` })
  })
}
