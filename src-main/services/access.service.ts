/**
 * Where access questions get their deployment model: an IAM snapshot file (offline) or a saved
 * connection, read live through the audited IAM service's read methods (nothing changes) plus the
 * bucket list over S3.
 */
import { AccessAnalyzer, type SuppliedConditions } from '../access/access-analyzer.ts'
import { checkAction } from '../access/access-catalogue.ts'
import type { AccessCell } from '../access/access-cell.ts'
import { buildMatrix, matrixCsv } from '../access/access-matrix.ts'
import { parseResource, requestFor } from '../access/access-request.ts'
import type { PrincipalRef } from '../access/principals.ts'
import { deploymentFromSnapshot, readDeployment, type DeploymentModel } from '../access/deployment.ts'
import { AppFailure } from '../api/result.ts'
import { loadSnapshot, parseSnapshot } from '../snapshot/snapshot-file.ts'
import type { AppServices } from './app-services.ts'
import type { StorageReader } from './iam-session.ts'
import type { AccessAnswer, MatrixView, WhoCanView } from './views.types.ts'

/** The model of a snapshot file; AppFailure NOT_FOUND / INVALID_INPUT as loadSnapshot. */
export async function modelFromSnapshotFile(path: string): Promise<DeploymentModel> {
  return deploymentFromSnapshot(await loadSnapshot(path), `snapshot ${path}`)
}

/** The model of snapshot text (the app's upload); INVALID_INPUT naming what is wrong. */
export function modelFromSnapshotText(text: string, fileName: string): DeploymentModel {
  return deploymentFromSnapshot(parseSnapshot(text, fileName), `snapshot ${fileName}`)
}

/** Bucket names the session's credentials may list; none when listing is denied to them. */
export async function listBuckets(session: Pick<StorageReader, 'listBuckets'>): Promise<string[]> {
  try {
    return await session.listBuckets()
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'MINIO_ACCESS_DENIED') return []
    throw error
  }
}

/** The live model of a saved connection (name or id): IAM state and buckets. */
export async function modelFromConnection(services: AppServices, connection: string): Promise<DeploymentModel> {
  const profile = services.connections.profile(connection)
  return services.withIam(profile.id, async (session) => {
    const buckets = await listBuckets(session)
    return readDeployment(session, { endpoint: profile.endpoint, connection: profile.name, exportedBy: session.actor }, buckets)
  })
}

/** The access module refuses a bad action or resource with an Error naming it: that is bad input. */
function checked<T>(body: () => T): T {
  try {
    return body()
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw new AppFailure('INVALID_INPUT', (error as Error).message)
  }
}

function answer(cell: AccessCell): AccessAnswer {
  return { conditional: cell.isConditional, conditions: cell.conditionKeys, decidedBy: cell.decidedBy, summary: cell.summary }
}

/**
 * `access.whoCan`: everyone the live connection allows `action` on `resource`. A bad action or
 * resource is INVALID_INPUT before the server is read.
 */
export async function whoCanView(services: AppServices, connection: string, question: { action: string; resource: string; conditions: SuppliedConditions }): Promise<WhoCanView> {
  const { action, resource, conditions } = question
  const request = checked(() => requestFor(checkAction(action), parseResource(resource)))
  const analyzer = new AccessAnalyzer(await modelFromConnection(services, connection))
  const allowed = analyzer.whoCan(request, conditions).map((entry) => ({ kind: entry.kind, name: entry.name, ...answer(entry) }))
  return { action, resource, allowed }
}

/** `access.matrix`: the principal's effective permissions on the live connection, with its CSV. */
export async function matrixView(services: AppServices, connection: string, question: { principal: PrincipalRef; actions?: string[] | undefined; resources?: string[] | undefined; conditions: SuppliedConditions }): Promise<MatrixView> {
  const { principal, actions, resources, conditions } = question
  const analyzer = new AccessAnalyzer(await modelFromConnection(services, connection))
  const matrix = checked(() => buildMatrix(analyzer, principal, { ...(actions?.length ? { actions } : {}), ...(resources?.length ? { resources } : {}), supplied: conditions }))
  const cells = matrix.cells.map((cell) => ({ action: cell.action, resource: cell.resource, decision: cell.effect, ...answer(cell) }))
  return { principal, actions: matrix.actions, resources: matrix.resources, cells, csv: matrixCsv(matrix) }
}
