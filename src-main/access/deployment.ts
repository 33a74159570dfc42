/**
 * The deployment model access questions are answered over: users, groups, policies and access keys
 * as the server holds them, plus the buckets (for the matrix's resources). Built from an IAM
 * snapshot file or, through the snapshot export, from a live server. Read-only data.
 */
import type { PolicyDocument } from '../policy/index.ts'
import { exportSnapshot, type ExportSource, type SnapshotReader } from '../snapshot/snapshot-export.ts'
import type { Snapshot } from '../snapshot/snapshot.schema.ts'

export interface ModelUser {
  name: string
  enabled: boolean
  /** Policies attached to the user itself, in the server's order. */
  policies: readonly string[]
  groups: readonly string[]
}

export interface ModelGroup {
  name: string
  enabled: boolean
  members: readonly string[]
  policies: readonly string[]
}

export interface ModelAccessKey {
  accessKey: string
  parent: string
  enabled: boolean
  /** ISO 8601; absent when the key never expires. */
  expiresAt?: string
  /** Absent when the key inherits its parent's policies. */
  sessionPolicy?: PolicyDocument
}

export interface DeploymentModel {
  /** Where the state came from, for messages ("snapshot prod.json", "connection 'prod'"). */
  source: string
  users: ReadonlyMap<string, ModelUser>
  groups: ReadonlyMap<string, ModelGroup>
  policies: ReadonlyMap<string, PolicyDocument>
  accessKeys: ReadonlyMap<string, ModelAccessKey>
  buckets: readonly string[]
  /**
   * The root account's name, when known (a live connection signing as root): root is no MinIO user,
   * and MinIO judges its access keys by their session policy alone (or allows everything without one).
   */
  rootAccount?: string
}

/** The model of a validated snapshot (see snapshot-file.ts); `buckets` when known (a snapshot has none). */
export function deploymentFromSnapshot(snapshot: Snapshot, source: string, buckets: readonly string[] = []): DeploymentModel {
  return {
    source,
    users: new Map(snapshot.users.map((user) => [user.accessKey, { name: user.accessKey, enabled: user.status === 'enabled', policies: user.policies, groups: user.memberOf }])),
    groups: new Map(snapshot.groups.map((group) => [group.name, { name: group.name, enabled: group.status === 'enabled', members: group.members, policies: group.policies }])),
    policies: new Map(snapshot.policies.map((policy) => [policy.name, policy.document as PolicyDocument])),
    accessKeys: new Map(
      snapshot.accessKeys.map((key) => [
        key.accessKey,
        {
          accessKey: key.accessKey,
          parent: key.parentUser,
          enabled: key.status === 'enabled',
          ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
          ...(key.sessionPolicy ? { sessionPolicy: key.sessionPolicy as PolicyDocument } : {}),
        },
      ]),
    ),
    buckets: [...buckets],
  }
}

/** Reads a live server's IAM state (the snapshot export's reads; nothing changes) into a model. */
export async function readDeployment(reader: SnapshotReader, source: Omit<ExportSource, 'exportedBy'> & { exportedBy?: string }, buckets: readonly string[] = []): Promise<DeploymentModel> {
  const snapshot = await exportSnapshot(reader, { exportedBy: '', ...source })
  return deploymentFromSnapshot(snapshot, source.connection ? `connection '${source.connection}'` : source.endpoint, buckets)
}
