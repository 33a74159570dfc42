import { fetchServerInfo, type ServerInfo } from './server-info.ts'
import { AdminTransport, type AdminConnection } from './transport.ts'

export type { AdminConnection } from './transport.ts'
export type { ServerInfo, ServerNodeInfo } from './server-info.ts'

/**
 * MinIO admin API client for one connection (endpoint + credential). Every method signs its
 * request with SigV4, throws AppFailure with a code from the app's closed set on failure (never a
 * secret in the message), and returns plain typed values. No Electron; safe in the CLI and tests.
 */
export class AdminClient {
  private readonly transport: AdminTransport

  /** Throws AppFailure INVALID_INPUT when the endpoint is not an http(s) origin. */
  constructor(connection: AdminConnection) {
    this.transport = new AdminTransport(connection)
  }

  /** The endpoint origin this client talks to (no credential). */
  get endpoint(): string {
    return this.transport.endpoint
  }

  /** GET /info: versions, mode, deployment id, drives, buckets, objects, per-server state. */
  serverInfo(): Promise<ServerInfo> {
    return fetchServerInfo(this.transport)
  }

  /** Closes idle keep-alive sockets; the client stays usable. */
  close(): void {
    this.transport.close()
  }
}
