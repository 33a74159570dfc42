import { readFile } from 'node:fs/promises'
import { AdminClient, type AdminConnection, type ServerInfo } from '../minio/admin-client.ts'
import { AppFailure } from '../shared/result.ts'
import type { CredentialStore } from '../vault/credential-store.ts'
import { checkEndpoint } from './connection-endpoint.ts'
import { ConnectionProfileStore, type ConnectionProfile } from './connection-profiles.ts'
import type { ValidationRateLimiter } from './validation-rate-limit.ts'

/** What a person fills in; `secretKey` is optional on edit (absent = keep the stored one). */
export interface ConnectionInput {
  name: string
  endpoint: string
  accessKey: string
  secretKey?: string
  tls: { allowSelfSigned: boolean; caFile?: string }
}

/** A profile as the UI sees it: metadata, warnings, and whether a secret is stored. Never the secret. */
export interface ConnectionView extends ConnectionProfile {
  warnings: string[]
  hasSecret: boolean
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

/**
 * Connection profiles: metadata in `<dataDir>/connections.json`, the secret key only in the
 * keychain (account = profile id). Saving writes the secret first, so a keychain failure leaves
 * no profile without its secret; removing deletes the secret too.
 */
export class ConnectionsService {
  readonly #profiles: ConnectionProfileStore

  constructor(
    dataDir: string,
    private readonly credentials: CredentialStore,
    private readonly rateLimiter: ValidationRateLimiter,
    private readonly audit?: ConnectionAuditSink,
  ) {
    this.#profiles = new ConnectionProfileStore(dataDir)
  }

  async list(): Promise<ConnectionView[]> {
    const profiles = this.#profiles.list()
    if (profiles.length === 0) return []
    const withSecrets = await this.credentials.idsWithSecrets()
    return profiles.map((profile) => this.#view(profile, withSecrets.has(profile.id)))
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
      await this.credentials.setSecret(profile.id, input.secretKey)
    } catch (error) {
      this.#profiles.remove(profile.id) // no profile without its secret
      throw error
    }
    await this.audit?.record({ action: 'connection.created', profile, outcome: { kind: 'ok' }, sensitive: [input.secretKey] })
    return this.#viewOne(profile)
  }

  async update(id: string, input: ConnectionInput): Promise<ConnectionView> {
    const fields = this.#fields(input)
    this.#profiles.get(id)
    if (input.secretKey) await this.credentials.setSecret(id, input.secretKey)
    const { before, after } = this.#profiles.update(id, fields)
    await this.audit?.record({ action: 'connection.updated', profile: after, before, outcome: { kind: 'ok' }, sensitive: input.secretKey ? [input.secretKey] : [] })
    return this.#viewOne(after)
  }

  async remove(id: string): Promise<void> {
    const profile = this.#profiles.get(id)
    await this.credentials.deleteSecret(profile.id)
    this.#profiles.remove(profile.id)
    this.rateLimiter.forget(profile.id)
    await this.audit?.record({ action: 'connection.deleted', profile, before: profile, outcome: { kind: 'ok' } })
  }

  /** Tests a saved connection: the admin API's server info, rate-limited per profile, audited either way. */
  async test(idOrName: string): Promise<ServerInfo & { endpoint: string }> {
    const profile = this.#profiles.get(idOrName)
    this.rateLimiter.take(profile.id, profile.name)
    const started = Date.now()
    let info: ServerInfo
    try {
      const client = new AdminClient(await this.adminConnection(profile.id))
      info = await client.serverInfo().finally(() => client.close())
    } catch (error) {
      const failure = error instanceof AppFailure ? error : new AppFailure('INTERNAL', (error as Error).message)
      const outcome = { kind: 'error' as const, code: failure.code, message: failure.message }
      await this.audit?.record({ action: 'connection.validated', profile, outcome, durationMs: Date.now() - started })
      throw failure
    }
    await this.audit?.record({ action: 'connection.validated', profile, outcome: { kind: 'ok' }, durationMs: Date.now() - started })
    return { endpoint: profile.endpoint, ...info }
  }

  /** Everything the admin client needs, with the secret read from the keychain at the last moment. */
  async adminConnection(idOrName: string): Promise<AdminConnection> {
    const profile = this.#profiles.get(idOrName)
    const secretKey = await this.credentials.getSecret(profile.id)
    if (secretKey === null) {
      throw new AppFailure('NOT_CONNECTED', `The keychain holds no secret key for connection '${profile.name}'. Edit the connection and enter it again.`)
    }
    const caPem = profile.tls.caFile ? await readCaFile(profile.tls.caFile) : undefined
    return {
      endpoint: profile.endpoint,
      accessKey: profile.accessKey,
      secretKey,
      tls: { allowSelfSigned: profile.tls.allowSelfSigned, ...(caPem ? { caPem } : {}) },
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
    return { name, endpoint, accessKey, tls: { allowSelfSigned: input.tls.allowSelfSigned, ...(caFile ? { caFile } : {}) } }
  }

  async #viewOne(profile: ConnectionProfile): Promise<ConnectionView> {
    return this.#view(profile, (await this.credentials.idsWithSecrets()).has(profile.id))
  }

  #view(profile: ConnectionProfile, hasSecret: boolean): ConnectionView {
    const { warnings } = checkEndpoint(profile.endpoint, profile.tls)
    return { ...profile, warnings, hasSecret }
  }
}

async function readCaFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new AppFailure('MINIO_TLS_FAILED', `Could not read the CA file ${path}: ${(error as Error).message}. Fix the path in the connection.`)
  }
}
