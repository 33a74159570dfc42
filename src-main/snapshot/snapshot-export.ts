import type { AccessKeyInfo, AdminClient, PolicyDocument, PolicyEntities } from '../minio/index.ts'
import { runBulk } from '../bulk/bulk-runner.ts'
import { AppFailure } from '../api/result.ts'
import { canonicalPolicy } from './canonical-policy.ts'
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot, type SnapshotAccessKey, type SnapshotGroup, type SnapshotUser } from './snapshot.schema.ts'

/** The reads an export makes (the IAM service passes them through; nothing here changes a server). */
export type SnapshotReader = Pick<AdminClient, 'listUsers' | 'listGroups' | 'getGroup' | 'listPolicies' | 'policyEntities' | 'listAccessKeys' | 'listAccessKeysBulk' | 'getAccessKey'>

export interface ExportSource {
  endpoint: string
  connection?: string
  /** The access key the export was made with. */
  exportedBy: string
}

// Reads that are encrypted (§2.7: serialised Argon2 on the server) run a few at a time.
const READ_CONCURRENCY = 4

const byText = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0)

/**
 * Reads the IAM state of a server into a snapshot: policies with documents (built-ins included),
 * users with status, groups and attached policies, groups with status, members and policies, and
 * the access keys of builtin users (metadata and session policy, never a secret). Root's own access
 * keys and STS keys are left out: they are not part of the IAM state an apply can recreate.
 * Everything is sorted, so two exports of the same state are identical apart from `exportedAt`.
 * Throws the first read's AppFailure.
 */
export async function exportSnapshot(reader: SnapshotReader, source: ExportSource): Promise<Snapshot> {
  const [policies, users, groupNames, entities] = await Promise.all([
    reader.listPolicies(),
    reader.listUsers(),
    reader.listGroups(),
    // One call gives every mapping; group info hides a disabled group's policies (§4.2).
    reader.policyEntities(),
  ])
  const mapped = mappingsOf(entities)
  const groups = await readAll(groupNames, async (name): Promise<SnapshotGroup> => {
    const group = await reader.getGroup(name)
    return { name, status: group.status, members: [...group.members].sort(byText), policies: sortedOf(mapped.groups.get(name)) }
  })
  const snapshotUsers: SnapshotUser[] = users.map((user) => ({
    accessKey: user.accessKey,
    status: user.status,
    policies: sortedOf(mapped.users.get(user.accessKey) ?? user.policies),
    memberOf: [...user.memberOf].sort(byText),
  }))
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: new Date().toISOString(),
    source: { endpoint: source.endpoint, ...(source.connection ? { connection: source.connection } : {}), exportedBy: source.exportedBy },
    policies: policies.map((policy) => ({ name: policy.name, document: canonicalPolicy(policy.document) })).sort((left, right) => byText(left.name, right.name)),
    users: snapshotUsers.sort((left, right) => byText(left.accessKey, right.accessKey)),
    groups: groups.sort((left, right) => byText(left.name, right.name)),
    accessKeys: await exportAccessKeys(reader, users),
  }
}

export function mappingsOf(entities: PolicyEntities): { users: Map<string, string[]>; groups: Map<string, string[]> } {
  const users = new Map<string, string[]>()
  const groups = new Map<string, string[]>()
  for (const mapping of entities.policyMappings) {
    for (const user of mapping.users) users.set(user, [...(users.get(user) ?? []), mapping.policy])
    for (const group of mapping.groups) groups.set(group, [...(groups.get(group) ?? []), mapping.policy])
  }
  return { users, groups }
}

export function sortedOf(list: readonly string[] | undefined): string[] {
  return [...new Set(list ?? [])].sort(byText)
}

async function exportAccessKeys(reader: SnapshotReader, users: readonly { accessKey: string; status: string }[]): Promise<SnapshotAccessKey[]> {
  const known = new Set(users.map((user) => user.accessKey))
  // The bulk listing skips disabled users (§4.7), so those are asked one by one.
  const bulk = await reader.listAccessKeysBulk('all', 'svcacc-only')
  const owners = new Set(Object.keys(bulk).filter((owner) => known.has(owner) && (bulk[owner]?.serviceAccounts.length ?? 0) > 0))
  for (const user of users) if (user.status === 'disabled') owners.add(user.accessKey)
  const perOwner = await readAll([...owners], (owner) => reader.listAccessKeys(owner))
  const keys = await readAll(perOwner.flat(), (key) => snapshotAccessKey(reader, key))
  return keys.sort((left, right) => byText(left.accessKey, right.accessKey))
}

export async function snapshotAccessKey(reader: SnapshotReader, key: AccessKeyInfo): Promise<SnapshotAccessKey> {
  return snapshotAccessKeyOf(key, key.impliedPolicy ? undefined : (await reader.getAccessKey(key.accessKey)).policy)
}

/** A key as a snapshot holds it: without its secret, with its session policy (if any) canonical. */
export function snapshotAccessKeyOf(key: AccessKeyInfo, sessionPolicy: PolicyDocument | undefined): SnapshotAccessKey {
  return {
    accessKey: key.accessKey,
    parentUser: key.parentUser,
    status: key.status,
    ...(key.name ? { name: key.name } : {}),
    ...(key.description ? { description: key.description } : {}),
    ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
    ...(sessionPolicy ? { sessionPolicy: canonicalPolicy(sessionPolicy) } : {}),
  }
}

/** Runs reads a few at a time; the first failure fails the whole read (a partial picture is wrong). */
export async function readAll<T, R>(items: readonly T[], read: (item: T) => Promise<R>, what = 'The export'): Promise<R[]> {
  const report = await runBulk(items, { label: String, run: read }, { concurrency: READ_CONCURRENCY })
  const failed = report.results.find((result) => result.status !== 'ok')
  if (failed?.error) throw new AppFailure(failed.error.code, `${what} stopped: ${failed.error.message}`, failed.error.details)
  return report.results.map((result) => result.value as R)
}
