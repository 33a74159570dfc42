import type { AdminConnection, ServerInfo } from '../minio/admin-client.ts'
import { AppFailure, appErrorOf } from '../api/result.ts'
import type { CredentialStore, StoredIds } from '../vault/credential-store.ts'
import { readCaFile } from './ca-file.ts'
import { checkEndpoint } from './connection-endpoint.ts'
import { ConnectionProfileStore, type ConnectionProfile } from './connection-profiles.ts'
import { parseSessionExpiry, sessionExpiryWarning } from './session-expiry.ts'
import type { IamSession } from './iam-session.ts'
import type { ProfileRateLimiter } from './profile-rate-limit.ts'

/**
 * What a person fills in. `secretKey` is optional on edit (absent = keep the stored one).
 * `sessionToken` makes the credentials temporary (STS); on edit a new secret key without a token
 * makes them permanent again, and a token alone replaces the stored token.
 */
export interface ConnectionInput {
  name: string
  endpoint: string
  accessKey: string
  secretKey?: string
  sessionToken?: string
  /** When the temporary credentials expire (ISO 8601), for a warning; dropped with the token. */
  sessionExpiresAt?: string
  tls: { allowSelfSigned: boolean; caFile?: string }
}

/** A profile as the UI sees it: metadata, warnings, and whether a secret is stored. Never a secret. */
export interface ConnectionView extends ConnectionProfile {
  warnings: string[]
  hasSecret: boolean
  hasSessionToken: boolean
}

/** Where connection events go: the audit trail (see app-services.ts). Rejects when it cannot record. */
export interface ConnectionAuditSink {
  record(event: {
    action: 'connection.created' | 'connection.updated' | 'connection.deleted' | 'connection.validated'
    profile: ConnectionProfile
    before?: ConnectionProfile
    outcome: { kind: 'ok' } | { kind: 'error'; code: string; message: string }
    durationMs?: number
    sensitive?: string[]
  }): Promise<void>
}

/** Opens the IAM session of a profile on the given credentials (app-services.ts: the one road to a server). */
export type SessionOpener = (profile: ConnectionProfile, credentials: AdminConnection) => Pick<IamSession, 'serverInfo' | 'close'>

/**
 * Connection profiles: metadata in `<dataDir>/connections.json`, the secret key and any STS session
 * token only in the keychain (accounts `<id>` and `<id>#session-token`). Saving writes the secrets
 * first, so a keychain failure leaves no profile without its secret; removing deletes both.
 */
export class ConnectionsService {
  readonly #profiles: ConnectionProfileStore

  constructor(
    dataDir: string,
    private readonly credentials: CredentialStore,
    private readonly rateLimiter: ProfileRateLimiter,
    private readonly openSession: SessionOpener,
    private readonly audit?: ConnectionAuditSink,
    /** What else belongs to a profile and goes with it (its saved policy cases). */
    private readonly onRemoved: (id: string) => void = () => {},
  ) {
    this.#profiles = new ConnectionProfileStore(dataDir)
  }

  async list(): Promise<ConnectionView[]> {
    const profiles = this.#profiles.list()
    if (profiles.length === 0) return []
    const stored = await this.credentials.storedIds()
    return profiles.map((profile) => this.#view(profile, stored))
  }

  async get(idOrName: string): Promise<ConnectionView> {
    return this.#viewOne(this.#profiles.get(idOrName))
  }

  async create(input: ConnectionInput): Promise<ConnectionView> {
    if (!input.secretKey) throw new AppFailure('INVALID_INPUT', 'A new connection needs a secret key.')
    const fields = this.#fields(input)
    this.#profiles.list() // fail on a damaged profile file before touching the keychain
    const profile = this.#profiles.create(fields)
    try {
      await this.#storeCredentials(profile.id, input)
    } catch (error) {
      this.#profiles.remove(profile.id) // no profile without its secret
      await this.#forgetCredentials(profile.id).catch(() => undefined)
      throw error
    }
    await this.audit?.record({ action: 'connection.created', profile, outcome: { kind: 'ok' }, sensitive: sensitiveOf(input) })
    return this.#viewOne(profile)
  }

  async update(id: string, input: ConnectionInput): Promise<ConnectionView> {
    const fields = this.#fields(input)
    this.#profiles.get(id)
    this.#profiles.assertNameFree(fields.name, id) // a refused edit must leave the keychain as it was
    await this.#storeCredentials(id, input)
    if (input.secretKey) this.rateLimiter.secretChanged(id)
    const { before, after } = this.#profiles.update(id, fields)
    await this.audit?.record({ action: 'connection.updated', profile: after, before, outcome: { kind: 'ok' }, sensitive: sensitiveOf(input) })
    return this.#viewOne(after)
  }

  async remove(id: string): Promise<void> {
    const profile = this.#profiles.get(id)
    await this.#forgetCredentials(profile.id)
    this.#profiles.remove(profile.id)
    this.rateLimiter.forget(profile.id)
    this.onRemoved(profile.id)
    await this.audit?.record({ action: 'connection.deleted', profile, before: profile, outcome: { kind: 'ok' } })
  }

  /** Tests a saved connection: the admin API's server info, rate-limited per profile, audited either way. */
  async test(idOrName: string): Promise<ServerInfo & { endpoint: string }> {
    const profile = this.#profiles.get(idOrName)
    this.rateLimiter.checkAuth(profile)
    this.rateLimiter.take(profile.id, profile.name)
    const started = Date.now()
    let info: ServerInfo
    try {
      // Through an IAM session like every other read of a server (a read: nothing for the trail but connection.validated).
      const session = this.openSession(profile, await this.adminConnection(profile.id))
      info = await session.serverInfo().finally(() => session.close())
    } catch (error) {
      // A bug is recorded as INTERNAL and rethrown as it is, so the boundary logs it with a correlation id.
      const { code, message } = appErrorOf(error, (bug) => ({ code: 'INTERNAL', message: bug instanceof Error ? bug.message : String(bug) }))
      await this.audit?.record({ action: 'connection.validated', profile, outcome: { kind: 'error', code, message }, durationMs: Date.now() - started })
      throw error
    }
    await this.audit?.record({ action: 'connection.validated', profile, outcome: { kind: 'ok' }, durationMs: Date.now() - started })
    return { endpoint: profile.endpoint, ...info }
  }

  /** Everything the admin client needs, with the secret read from the keychain at the last moment. */
  async adminConnection(idOrName: string): Promise<AdminConnection> {
    const profile = this.#profiles.get(idOrName)
    this.rateLimiter.checkAuth(profile)
    const secretKey = await this.credentials.getSecret(profile.id)
    if (secretKey === null) {
      throw new AppFailure('NOT_CONNECTED', `The keychain holds no secret key for connection '${profile.name}'. Edit the connection and enter it again.`)
    }
    const sessionToken = await this.credentials.getSessionToken(profile.id)
    const caPem = profile.tls.caFile ? await readCaFile(profile.tls.caFile) : undefined
    return {
      name: profile.name,
      endpoint: profile.endpoint,
      accessKey: profile.accessKey,
      secretKey,
      ...(sessionToken ? { sessionToken } : {}),
      tls: { allowSelfSigned: profile.tls.allowSelfSigned, ...(caPem ? { caPem } : {}) },
      authBrake: { check: () => this.rateLimiter.checkAuth(profile), failed: () => this.rateLimiter.recordAuthFailure(profile) },
    }
  }

  profile(idOrName: string): ConnectionProfile {
    return this.#profiles.get(idOrName)
  }

  #fields(input: ConnectionInput) {
    const name = input.name.trim()
    if (!name) throw new AppFailure('INVALID_INPUT', 'A connection needs a name.')
    const accessKey = input.accessKey.trim()
    if (!accessKey) throw new AppFailure('INVALID_INPUT', 'A connection needs an access key.')
    const { endpoint } = checkEndpoint(input.endpoint, input.tls)
    const caFile = input.tls.caFile?.trim()
    // Always present (undefined clears it): permanent credentials (a new secret key, no token) have no expiry.
    const sessionExpiresAt = input.secretKey && !input.sessionToken ? undefined : parseSessionExpiry(input.sessionExpiresAt)
    const tls = { allowSelfSigned: input.tls.allowSelfSigned, ...(caFile ? { caFile } : {}) }
    return { name, endpoint, accessKey, tls, sessionExpiresAt }
  }

  /** Secret key first, then the token; a new secret key without a token drops the old token (permanent key). */
  async #storeCredentials(id: string, input: ConnectionInput): Promise<void> {
    if (input.secretKey) await this.credentials.setSecret(id, input.secretKey)
    if (input.sessionToken) await this.credentials.setSessionToken(id, input.sessionToken)
    else if (input.secretKey) await this.credentials.deleteSessionToken(id)
  }

  async #forgetCredentials(id: string): Promise<void> {
    await this.credentials.deleteSessionToken(id)
    await this.credentials.deleteSecret(id)
  }

  async #viewOne(profile: ConnectionProfile): Promise<ConnectionView> {
    return this.#view(profile, await this.credentials.storedIds())
  }

  #view(profile: ConnectionProfile, stored: StoredIds): ConnectionView {
    const hasSessionToken = stored.sessionTokens.has(profile.id)
    const expiry = hasSessionToken ? sessionExpiryWarning(profile.sessionExpiresAt) : undefined
    const warnings = [...checkEndpoint(profile.endpoint, profile.tls).warnings, ...(expiry ? [expiry] : [])]
    return { ...profile, warnings, hasSecret: stored.secrets.has(profile.id), hasSessionToken }
  }
}

/** The strings the audit trail must redact if they ever appear in a row. */
function sensitiveOf(input: ConnectionInput): string[] {
  return [input.secretKey, input.sessionToken].filter((value): value is string => Boolean(value))
}
