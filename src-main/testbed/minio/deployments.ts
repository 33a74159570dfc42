import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect } from 'vitest'
import { AppFailure, type ErrorCode } from '../../api/result.ts'
import { startDistributedMinio, startMinio, type MinioServer } from './minio-server.ts'
import { AdminClient } from '../../minio/admin-client.ts'
import type { AdminConnection } from '../../minio/transport.ts'

/** The deployments every admin integration suite runs against (issue 4: single drive and 4 nodes). */
export type DeploymentKind = 'single' | 'distributed'

/** GATEHOUSE_MINIO_KINDS=single narrows a local run; CI runs both. */
export const DEPLOYMENT_KINDS: DeploymentKind[] = (process.env.GATEHOUSE_MINIO_KINDS?.split(',') as
  DeploymentKind[] | undefined) ?? ['single', 'distributed']

export interface Deployment {
  kind: DeploymentKind
  nodes: MinioServer[]
  /** Connection of the root credential to node 0. */
  root: AdminConnection
  stop: () => Promise<void>
}

/** Starts one deployment of the given kind on loopback. Pair with `stop()` in afterAll. */
export async function startDeployment(kind: DeploymentKind): Promise<Deployment> {
  const nodes = kind === 'single' ? [await startMinio()] : await startDistributedMinio()
  const first = nodes[0]!
  return {
    kind,
    nodes,
    root: { endpoint: first.endpoint, accessKey: first.rootAccessKey, secretKey: first.rootSecretKey },
    stop: () => first.stop(),
  }
}

/** A client of the root credential, or of another credential on the same deployment. */
export function clientOf(
  deployment: Deployment,
  credential?: { accessKey: string; secretKey: string },
): AdminClient {
  return new AdminClient({ ...deployment.root, ...credential })
}

/** A name unique in this run, safe for users, groups and policies. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}

/** A random secret key MinIO accepts (8-40 bytes). */
export function randomSecret(): string {
  return randomBytes(18).toString('base64url')
}

/** Awaits a promise that must reject with AppFailure of `code`, and returns the failure. */
export async function expectFailure(promise: Promise<unknown>, code: ErrorCode): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error, `expected AppFailure ${code}`).toBeInstanceOf(AppFailure)
  expect({ code: (error as AppFailure).code, message: (error as AppFailure).message }).toMatchObject({ code })
  return error as AppFailure
}

/** A small valid policy over one bucket. */
export function bucketPolicy(bucket: string, actions: string[] = ['s3:GetObject']): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: [`arn:aws:s3:::${bucket}/*`] }],
  }
}

/**
 * Registers beforeAll/afterAll that start one deployment of `kind` for the enclosing describe and
 * stop it after; the returned object's fields are set once beforeAll ran.
 */
export function useDeployment(
  kind: DeploymentKind,
  setup?: (admin: AdminClient) => Promise<void>,
): { deployment: Deployment; admin: AdminClient } {
  const context = {} as { deployment: Deployment; admin: AdminClient }
  beforeAll(async () => {
    context.deployment = await startDeployment(kind)
    context.admin = clientOf(context.deployment)
    await setup?.(context.admin)
  })
  afterAll(async () => {
    context.admin?.close()
    await context.deployment?.stop()
  })
  return context
}
