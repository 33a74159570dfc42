import { userInfo } from 'node:os'
import { AuditService } from '../audit/index.ts'
import { AdminClient, READ_OPERATIONS, type ReadOperation } from '../minio/index.ts'
import { resolveDataDir } from '../shared/data-dir.ts'
import { securePrivateDir } from '../shared/private-files.ts'
import type { CredentialStore } from '../vault/credential-store.ts'
import { ConnectionsService, type ConnectionAuditSink } from './connections.service.ts'
import { IamService } from './iam.service.ts'
import { ProfileRateLimiter, configuredValidationRateLimit } from './profile-rate-limit.ts'

export interface AppServices {
  dataDir: string
  credentials: CredentialStore
  audit: AuditService
  connections: ConnectionsService
  /**
   * A read-only admin client for a saved connection, its secret read from the keychain now. Caller
   * closes it. It has no mutating methods at all (not just in its type): every change goes through
   * the audited IamService.
   */
  adminClient: (connectionId: string) => Promise<AdminReader>
  /**
   * The audited IAM service for a saved connection (name or id): the one way to change server
   * state. Caller closes it.
   */
  iam: (connection: string) => Promise<IamService>
  /** The local operator, recorded as the actor of local changes (connection profiles). */
  operator: string
  close: () => void
}

export interface AppServicesOptions {
  dataDir?: string
  /** Where secrets live: chosen once, by openAppServices (services/open-app-services.ts). */
  credentials: CredentialStore
}

/** Builds the services the app, browser mode and the CLI share, on one data directory and its secret store. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const dataDir = options.dataDir ?? resolveDataDir()
  const { credentials } = options
  securePrivateDir(dataDir)
  const audit = AuditService.open(dataDir)
  const operator = localOperator()
  const rateLimiter = new ProfileRateLimiter(dataDir, configuredValidationRateLimit(dataDir))
  const connections = new ConnectionsService(dataDir, credentials, rateLimiter, connectionAudit(audit, operator))
  return {
    dataDir,
    credentials,
    audit,
    connections,
    operator,
    adminClient: async (connectionId) => readOnly(new AdminClient(await connections.adminConnection(connectionId))),
    iam: async (connection) => {
      const { id, name, endpoint } = connections.profile(connection)
      return new IamService({ connection: { id, name, endpoint }, credentials: await connections.adminConnection(id), trail: audit.trail })
    },
    close: () => {
      audit.close()
      rateLimiter.close()
    },
  }
}

/** Connection events: CRUD is the local operator's act; a validation is made with the profile's access key. */
function connectionAudit(audit: AuditService, operator: string): ConnectionAuditSink {
  return {
    async record({ action, profile, before, outcome, durationMs, sensitive }) {
      const { id, name, endpoint } = profile
      await audit.recordConnectionEvent({
        connection: { id, name, endpoint },
        actor: action === 'connection.validated' ? profile.accessKey : operator,
        action,
        outcome,
        ...(before ? { before } : {}),
        ...(action === 'connection.deleted' ? {} : { after: profile }),
        ...(durationMs === undefined ? {} : { durationMs }),
        ...(sensitive ? { sensitive } : {}),
      })
    },
  }
}

/** What read paths get: the client's read methods and close(), nothing else. */
export type AdminReader = Pick<AdminClient, ReadOperation | 'close' | 'endpoint' | 'accessKey'>

function readOnly(client: AdminClient): AdminReader {
  const reader: Record<string, unknown> = { endpoint: client.endpoint, accessKey: client.accessKey, close: () => client.close() }
  for (const name of READ_OPERATIONS) reader[name] = (client[name] as (...args: unknown[]) => unknown).bind(client)
  return Object.freeze(reader) as unknown as AdminReader
}

function localOperator(): string {
  try {
    return `local:${userInfo().username}`
  } catch {
    return 'local'
  }
}
