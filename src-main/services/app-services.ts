import { userInfo } from 'node:os'
import { AuditService } from '../audit/index.ts'
import { resolveDataDir } from '../shared/data-dir.ts'
import { securePrivateDir } from '../shared/private-files.ts'
import type { AdminConnection } from '../minio/index.ts'
import type { CredentialStore } from '../vault/credential-store.ts'
import type { ConnectionProfile } from './connection-profiles.ts'
import { ConnectionsService, type ConnectionAuditSink } from './connections.service.ts'
import { IamSession } from './iam-session.ts'
import { PolicyCasesStore } from './policy-cases.service.ts'
import { ProfileRateLimiter, configuredValidationRateLimit } from './profile-rate-limit.ts'

export interface AppServices {
  dataDir: string
  credentials: CredentialStore
  audit: AuditService
  connections: ConnectionsService
  /**
   * The IAM session of a saved connection (name or id), its secret read from the keychain now: the
   * one way to read and change server state, every change audited. Caller closes it.
   */
  iam: (connection: string) => Promise<IamSession>
  /**
   * Runs `body` with the connection's IAM session and always closes the session after: what the
   * channel adapters use. Rejects as `iam` (unknown connection, keychain) or as `body`.
   */
  withIam: <T>(connection: string, body: (iam: IamSession) => Promise<T>) => Promise<T>
  /** Saved cases of each connection's policies, kept locally (never on the server). */
  policyCases: PolicyCasesStore
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
  // The one road to a server: every read and change, the connection test included, is made on an IAM session.
  const openSession = ({ id, name, endpoint }: ConnectionProfile, credentials: AdminConnection) =>
    new IamSession({ connection: { id, name, endpoint }, credentials, trail: audit.trail })
  // Cases are keyed by the profile's id (a name resolves to it) and go with the profile.
  const connections = new ConnectionsService(dataDir, credentials, rateLimiter, openSession, connectionAudit(audit, operator), (id) => policyCases.forgetConnection(id))
  const policyCases = new PolicyCasesStore(dataDir, (connection) => connections.profile(connection).id)
  const iam = async (connection: string): Promise<IamSession> => {
    const profile = connections.profile(connection)
    return openSession(profile, await connections.adminConnection(profile.id))
  }
  return {
    dataDir,
    credentials,
    audit,
    connections,
    operator,
    policyCases,
    iam,
    withIam: async (connection, body) => {
      const session = await iam(connection)
      try {
        return await body(session)
      } finally {
        session.close()
      }
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

function localOperator(): string {
  try {
    return `local:${userInfo().username}`
  } catch {
    return 'local'
  }
}
