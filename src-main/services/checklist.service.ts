/**
 * The storage-security checklist of a saved connection, read live: the IAM state (as the snapshot
 * export reads it), the account the connection acts for, and each bucket's settings over S3.
 * Reads only.
 */
import { readDeployment } from '../access/deployment.ts'
import { DEFAULT_ROTATION_DAYS, runChecklist } from '../checklist/checklist.ts'
import type { CheckItem } from '../checklist/checklist.types.ts'
import { readAll } from '../snapshot/snapshot-export.ts'
import { BucketReader } from '../storage/bucket-reader.ts'
import type { AppServices } from './app-services.ts'

export interface ChecklistReport {
  connection: string
  endpoint: string
  checkedAt: string
  rotationDays: number
  items: CheckItem[]
}

/** Runs the checklist against a connection (name or id). AppFailure of the first read that fails. */
export async function checkConnection(services: AppServices, connection: string, options: { rotationDays?: number; now?: Date } = {}): Promise<ChecklistReport> {
  const now = options.now ?? new Date()
  const rotationDays = options.rotationDays ?? DEFAULT_ROTATION_DAYS
  const profile = services.connections.profile(connection)
  const credentials = await services.connections.adminConnection(profile.id)
  const session = await services.iam(profile.id)
  try {
    const reader = new BucketReader(credentials)
    const names = await reader.listBuckets()
    const [model, account, buckets] = await Promise.all([
      readDeployment(session, { endpoint: profile.endpoint, connection: profile.name, exportedBy: session.actor }, names),
      session.accountInfo(),
      readAll(names, (name) => reader.facts(name), 'The checklist'),
    ])
    const items = runChecklist({ endpoint: profile.endpoint, accountName: account.accountName, hasSessionToken: credentials.sessionToken !== undefined, model, buckets, now, rotationDays })
    return { connection: profile.name, endpoint: profile.endpoint, checkedAt: now.toISOString(), rotationDays, items }
  } finally {
    session.close()
  }
}
