/**
 * The pieces a scoped read (who-can, one principal's matrix) shares: a name that is not there reads
 * as absent, and the model is built from the parts read the way the whole read builds it (the
 * snapshot export's shapes, policies in canonical form, lists sorted), so a question answers the
 * scoped model exactly as it answers the full one.
 */
import { AppFailure } from '../api/result.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import { unlessMissing } from '../shared/unless-missing.ts'
import type { AdminClient, GroupInfo, PolicyInfo, UserInfo } from '../minio/index.ts'
import { canonicalPolicy } from '../snapshot/canonical-policy.ts'
import { sortedOf, type SnapshotReader } from '../snapshot/snapshot-export.ts'
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot, type SnapshotAccessKey } from '../snapshot/snapshot.schema.ts'
import { deploymentFromSnapshot, type DeploymentModel } from './deployment.ts'

export type ScopedReader = SnapshotReader & Pick<AdminClient, 'getUser'>

/** Which read is running, so a read that outlasts its budget is named in the message. */
export interface ReadProgress {
  step: string
  /** Set when the caller gave up (its budget ran out): no further call is started. */
  abandoned?: boolean
}

/** Throws once the caller gave up, so a read that lost its budget stops asking the server. */
export function unlessAbandoned(progress: ReadProgress): void {
  if (progress.abandoned) throw new AppFailure('MINIO_SLOW', `The read of ${progress.step} was abandoned: it took too long.`)
}

// Encrypted reads are serialised on the server (Argon2, admin API §2.7): a few at a time.
export const ENCRYPTED_CONCURRENCY = 4
// Plain reads (user-info, group) cost the server no Argon2: more may run at once.
export const PLAIN_CONCURRENCY = 8

export const byText = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0)

/** The groups of these names that exist (once each, a few at a time); none started after the caller gave up. */
export async function readGroups(reader: Pick<ScopedReader, 'getGroup'>, names: Iterable<string>, progress?: ReadProgress): Promise<Array<{ name: string; group: GroupInfo }>> {
  const list = [...new Set(names)]
  const read = await mapBounded(list, PLAIN_CONCURRENCY, (name) => (progress && unlessAbandoned(progress), unlessMissing(reader.getGroup(name))))
  return read.flatMap((group, index) => (group ? [{ name: list[index] as string, group }] : []))
}

export interface ScopedParts {
  policies: readonly PolicyInfo[]
  /** Policies mapped to each user and group (policy-entities), as the whole read takes them. */
  mapped: { users: ReadonlyMap<string, string[]>; groups: ReadonlyMap<string, string[]> }
  users: readonly UserInfo[]
  groups: ReadonlyArray<{ name: string; group: GroupInfo }>
  accessKeys: readonly SnapshotAccessKey[]
  buckets: readonly string[]
}

/** The model of the parts read, as `readDeployment` would build it for the same principals. */
export function scopedModel(parts: ScopedParts, source: { endpoint: string; connection: string }): DeploymentModel {
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: new Date().toISOString(),
    source: { endpoint: source.endpoint, connection: source.connection, exportedBy: '' },
    policies: parts.policies.map((policy) => ({ name: policy.name, document: canonicalPolicy(policy.document) })).sort((left, right) => byText(left.name, right.name)),
    users: parts.users
      .map((user) => ({ accessKey: user.accessKey, status: user.status, policies: sortedOf(parts.mapped.users.get(user.accessKey) ?? user.policies), memberOf: [...user.memberOf].sort(byText) }))
      .sort((left, right) => byText(left.accessKey, right.accessKey)),
    groups: parts.groups
      .map(({ name, group }) => ({ name, status: group.status, members: [...group.members].sort(byText), policies: sortedOf(parts.mapped.groups.get(name)) }))
      .sort((left, right) => byText(left.name, right.name)),
    accessKeys: [...parts.accessKeys].sort((left, right) => byText(left.accessKey, right.accessKey)),
  }
  return deploymentFromSnapshot(snapshot, `connection '${source.connection}'`, parts.buckets)
}
