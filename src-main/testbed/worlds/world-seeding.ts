import { dispatch } from '../../api/dispatch.ts'
import { createHandlers } from '../../api/handlers.ts'
import type { AppServices } from '../../services/app-services.ts'
import type { IamReader } from '../../services/iam-session.ts'
import type { MinioServer } from '../minio/minio-server.ts'

/** What a seeding helper needs of a test world (e2e's GatehouseWorld is one): its MinIO and app services. */
export interface SeedableWorld {
  minio: MinioServer
  services: AppServices
}

/**
 * Setup for specs that need server state: a root connection to the worker's MinIO, and contract
 * calls through the same dispatch the UI uses (so IAM changes go through the audited service).
 */
export async function rootConnection(world: SeedableWorld, name: string): Promise<{ connectionId: string; call: (channel: string, input: unknown) => Promise<unknown> }> {
  const { minio } = world
  const { id: connectionId } = await world.services.connections.create({
    name, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false },
  })
  const handlers = createHandlers(world.services, { transport: 'browser', version: 'e2e' })
  const call = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, channel, input, { warn: () => {}, error: () => {} })
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value
  }
  return { connectionId, call }
}

/**
 * Reads the worker's MinIO through the app's IAM session of the connection named `connection`
 * (typed to its reads only), so a spec checks what the server holds, not only what the screen shows.
 */
export function readServer<T>(world: SeedableWorld, connection: string, read: (server: IamReader) => Promise<T>): Promise<T> {
  return world.services.withIam(connection, read)
}
