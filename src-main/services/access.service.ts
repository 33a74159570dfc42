/**
 * Where access questions get their deployment model: an IAM snapshot file (offline) or a saved
 * connection, read live through the audited IAM service's read methods (nothing changes) plus the
 * bucket list over S3.
 */
import { deploymentFromSnapshot, readDeployment, type DeploymentModel } from '../access/deployment.ts'
import { AppFailure } from '../api/result.ts'
import { loadSnapshot, parseSnapshot } from '../snapshot/snapshot-file.ts'
import { BucketReader } from '../storage/bucket-reader.ts'
import type { AppServices } from './app-services.ts'

/** The model of a snapshot file; AppFailure NOT_FOUND / INVALID_INPUT as loadSnapshot. */
export async function modelFromSnapshotFile(path: string): Promise<DeploymentModel> {
  return deploymentFromSnapshot(await loadSnapshot(path), `snapshot ${path}`)
}

/** The model of snapshot text (the app's upload); INVALID_INPUT naming what is wrong. */
export function modelFromSnapshotText(text: string, fileName: string): DeploymentModel {
  return deploymentFromSnapshot(parseSnapshot(text, fileName), `snapshot ${fileName}`)
}

/** Bucket names the connection's credentials may list; none when listing is denied to them. */
export async function listBuckets(services: AppServices, connection: string): Promise<string[]> {
  try {
    return await new BucketReader(await services.connections.adminConnection(connection)).listBuckets()
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'MINIO_ACCESS_DENIED') return []
    throw error
  }
}

/** The live model of a saved connection (name or id): IAM state and buckets. */
export async function modelFromConnection(services: AppServices, connection: string): Promise<DeploymentModel> {
  const profile = services.connections.profile(connection)
  const session = await services.iam(profile.id)
  try {
    const buckets = await listBuckets(services, profile.id)
    return await readDeployment(session, { endpoint: profile.endpoint, connection: profile.name, exportedBy: session.actor }, buckets)
  } finally {
    session.close()
  }
}
