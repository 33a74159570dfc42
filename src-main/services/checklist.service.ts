/**
 * The storage-security checklist of a saved connection, read live: the IAM state (as the snapshot
 * export reads it), the account the connection acts for, and each bucket's settings over S3.
 * Reads only.
 */
import { readDeployment } from '../access/deployment.ts'
import { DEFAULT_ROTATION_DAYS, runChecklist } from '../checklist/checklist.ts'
import type { CheckItem } from '../checklist/checklist.types.ts'
import type { AdminClient } from '../minio/index.ts'
import { readAll, type SnapshotReader } from '../snapshot/snapshot-export.ts'
import type { AppServices } from './app-services.ts'
import type { StorageReader } from './iam-session.ts'

export interface ChecklistReport {
  connection: string
  endpoint: string
  checkedAt: string
  rotationDays: number
  items: CheckItem[]
}

/** What the checklist reads through: the IAM reads of the snapshot export, accountinfo and the S3 reads of the same credentials. */
export type ChecklistReader = SnapshotReader & Pick<AdminClient, 'accountInfo'> & StorageReader

/**
 * Runs the checklist with `reader` (an IAM session: IAM reads, and bucket reads over S3 on the
 * same credentials). AppFailure of the first read that fails.
 */
export async function checkDeployment(reader: ChecklistReader, source: { name: string; endpoint: string }, options: { rotationDays?: number; now?: Date } = {}): Promise<ChecklistReport> {
  const now = options.now ?? new Date()
  const rotationDays = options.rotationDays ?? DEFAULT_ROTATION_DAYS
  const names = await reader.listBuckets()
  const [model, account, facts] = await Promise.all([
    readDeployment(reader, { endpoint: source.endpoint, connection: source.name }, names),
    reader.accountInfo(),
    readAll(names, (name) => reader.bucketFacts(name), 'The checklist'),
  ])
  const items = runChecklist({ endpoint: source.endpoint, accountName: account.accountName, hasSessionToken: reader.hasSessionToken, model, buckets: facts, now, rotationDays })
  return { connection: source.name, endpoint: source.endpoint, checkedAt: now.toISOString(), rotationDays, items }
}

/** Runs the checklist against a saved connection (name or id). */
export async function checkConnection(services: AppServices, connection: string, options: { rotationDays?: number; now?: Date } = {}): Promise<ChecklistReport> {
  const profile = services.connections.profile(connection)
  return services.withIam(profile.id, (session) => checkDeployment(session, { name: profile.name, endpoint: profile.endpoint }, options))
}
