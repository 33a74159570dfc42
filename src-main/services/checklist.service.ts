/**
 * The storage-security checklist of a saved connection, read live: the IAM state (as the snapshot
 * export reads it), the account the connection acts for, and each bucket's settings over S3.
 * Reads only.
 */
import { readDeployment } from '../access/deployment.ts'
import { DEFAULT_ROTATION_DAYS, runChecklist } from '../checklist/checklist.ts'
import type { CheckItem } from '../checklist/checklist.types.ts'
import type { AdminClient, AdminConnection } from '../minio/index.ts'
import { readAll, type SnapshotReader } from '../snapshot/snapshot-export.ts'
import { BucketReader } from '../storage/bucket-reader.ts'
import type { AppServices } from './app-services.ts'

export interface ChecklistReport {
  connection: string
  endpoint: string
  checkedAt: string
  rotationDays: number
  items: CheckItem[]
}

/** What the checklist reads through: the IAM reads of the snapshot export and accountinfo. */
export type ChecklistReader = SnapshotReader & Pick<AdminClient, 'accountInfo'>

/**
 * Runs the checklist with `credentials` (bucket reads over S3) and `reader` (IAM reads on the same
 * credentials). AppFailure of the first read that fails.
 */
export async function checkDeployment(credentials: AdminConnection, reader: ChecklistReader, source: { name: string; endpoint: string }, options: { rotationDays?: number; now?: Date } = {}): Promise<ChecklistReport> {
  const now = options.now ?? new Date()
  const rotationDays = options.rotationDays ?? DEFAULT_ROTATION_DAYS
  const buckets = new BucketReader(credentials)
  const names = await buckets.listBuckets()
  const [model, account, facts] = await Promise.all([
    readDeployment(reader, { endpoint: source.endpoint, connection: source.name }, names),
    reader.accountInfo(),
    readAll(names, (name) => buckets.facts(name), 'The checklist'),
  ])
  const items = runChecklist({ endpoint: source.endpoint, accountName: account.accountName, hasSessionToken: credentials.sessionToken !== undefined, model, buckets: facts, now, rotationDays })
  return { connection: source.name, endpoint: source.endpoint, checkedAt: now.toISOString(), rotationDays, items }
}

/** Runs the checklist against a saved connection (name or id). */
export async function checkConnection(services: AppServices, connection: string, options: { rotationDays?: number; now?: Date } = {}): Promise<ChecklistReport> {
  const profile = services.connections.profile(connection)
  const credentials = await services.connections.adminConnection(profile.id)
  return services.withIam(profile.id, (session) => checkDeployment(credentials, session, { name: profile.name, endpoint: profile.endpoint }, options))
}
