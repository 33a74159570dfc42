/**
 * Where access questions get their deployment model: an IAM snapshot file (offline) or a saved
 * connection, read live through the audited IAM service's read methods (nothing changes) plus the
 * bucket list over S3.
 */
import { AccessAnalyzer, type SuppliedConditions } from '../access/access-analyzer.ts'
import { checkAction } from '../access/access-catalogue.ts'
import type { AccessCell } from '../access/access-cell.ts'
import { buildMatrix, matrixCsv } from '../access/access-matrix.ts'
import { parseResource, requestFor, type AccessRequest } from '../access/access-request.ts'
import type { PrincipalRef } from '../access/principals.ts'
import { readPrincipalScope } from '../access/principal-scope.ts'
import type { ReadProgress } from '../access/scoped-model.ts'
import { readWhoCanScope } from '../access/who-can-scope.ts'
import { deploymentFromSnapshot, readDeployment, type DeploymentModel } from '../access/deployment.ts'
import { AppFailure } from '../api/result.ts'
import { loadSnapshot, parseSnapshot } from '../snapshot/snapshot-file.ts'
import type { AppServices } from './app-services.ts'
import type { IamReader, StorageReader } from './iam-session.ts'
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

/**
 * How long who-can and the matrix may spend reading the server. Browser mode drops a call quiet for
 * 30 s, and a screen must never wait without end: a slow read ends in MINIO_SLOW naming it.
 */
export const ACCESS_READ_BUDGET_MS = 20_000

/**
 * `read` within the budget (none: no limit, for the CLI, which a user can stop); MINIO_SLOW naming
 * `question` and the read under way (`progress.step`) when it outlasts it.
 */
export async function withinAccessBudget<T>(question: string, read: (progress: ReadProgress) => Promise<T>, budgetMs: number | null = ACCESS_READ_BUDGET_MS): Promise<T> {
  const progress: ReadProgress = { step: 'the server' }
  const running = read(progress)
  if (budgetMs === null) return running
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppFailure('MINIO_SLOW', `No answer to ${question}: reading ${progress.step} took over ${budgetMs / 1000} s on this deployment. Ask a narrower question (a more specific resource), or try again when the server is less busy.`)), budgetMs)
  })
  try {
    return await Promise.race([running, late])
  } catch (error) {
    progress.abandoned = true // no further call is started for an answer nobody waits for
    throw error
  } finally {
    clearTimeout(timer)
    running.catch(() => {}) // a read that loses the race must not surface as an unhandled rejection
  }
}

/** The live model of one connection's `read` (a scoped read), within the budget. */
function scopedFromConnection(services: AppServices, connection: string, question: string, budgetMs: number | null | undefined, read: (session: IamReader & StorageReader, source: { endpoint: string; connection: string }, progress: ReadProgress) => Promise<DeploymentModel>): Promise<DeploymentModel> {
  const profile = services.connections.profile(connection)
  return withinAccessBudget(question, (progress) => services.withIam(profile.id, (session) => read(session, { endpoint: profile.endpoint, connection: profile.name }, progress)), budgetMs === undefined ? ACCESS_READ_BUDGET_MS : budgetMs)
}

/**
 * The part of a live connection's state that who-can `request` needs: only the principals that
 * may be allowed are read (access/who-can-scope.ts), seconds, not minutes, at 10,000 users.
 */
export function whoCanModel(services: AppServices, connection: string, request: AccessRequest, resource: string, options: { accessKeys?: boolean; budgetMs?: number | null } = {}): Promise<DeploymentModel> {
  const question = `who may ${request.action} on ${resource}`
  return scopedFromConnection(services, connection, question, options.budgetMs, (session, source, progress) => readWhoCanScope(session, request, source, progress, { accessKeys: options.accessKeys ?? true }))
}

/** The part of a live connection's state that one principal's matrix needs: the principal, its groups (or owner) and the buckets. */
export function principalModel(services: AppServices, connection: string, principal: PrincipalRef, options: { budgetMs?: number | null } = {}): Promise<DeploymentModel> {
  const name = `${principal.kind === 'accessKey' ? 'access key' : principal.kind} '${principal.name}'`
  return scopedFromConnection(services, connection, `the permissions of ${name}`, options.budgetMs, async (session, source, progress) => {
    progress.step = 'the bucket list (S3 ListBuckets)'
    return readPrincipalScope(session, principal, source, await listBuckets(session), progress)
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
export async function whoCanView(services: AppServices, connection: string, question: { action: string; resource: string; conditions: SuppliedConditions; accessKeys?: boolean }): Promise<WhoCanView> {
  const { action, resource, conditions } = question
  const accessKeys = question.accessKeys ?? true
  const request = checked(() => requestFor(checkAction(action), parseResource(resource)))
  const model = await whoCanModel(services, connection, request, resource, { accessKeys })
  const analyzer = new AccessAnalyzer(model)
  const allowed = analyzer.whoCan(request, conditions).map((entry) => ({ kind: entry.kind, name: entry.name, ...answer(entry) }))
  return { action, resource, allowed, accessKeysRead: accessKeys }
}

/** `access.matrix`: the principal's effective permissions on the live connection, with its CSV. */
export async function matrixView(services: AppServices, connection: string, question: { principal: PrincipalRef; actions?: string[] | undefined; resources?: string[] | undefined; conditions: SuppliedConditions }): Promise<MatrixView> {
  const { principal, actions, resources, conditions } = question
  const model = await principalModel(services, connection, principal)
  const analyzer = new AccessAnalyzer(model)
  const matrix = checked(() => buildMatrix(analyzer, principal, { ...(actions?.length ? { actions } : {}), ...(resources?.length ? { resources } : {}), supplied: conditions }))
  const cells = matrix.cells.map((cell) => ({ action: cell.action, resource: cell.resource, decision: cell.effect, ...answer(cell) }))
  return { principal, actions: matrix.actions, resources: matrix.resources, cells, csv: matrixCsv(matrix) }
}
