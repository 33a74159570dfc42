import type { AuditTrail } from '../audit/audit-trail.ts'
import type { AuditIntent, ConnectionRef } from '../audit/audit.types.ts'
import { AdminClient, type AdminConnection, type ReadOperation } from '../minio/index.ts'
import type { AccessKeyUpdate, CreatedAccessKey, EntityStatus, NewAccessKey, PolicyChange, PolicyDocument, PolicyTarget } from '../minio/types.ts'
import {
  accessKeyState, accessKeyStateAfter, bestEffort, createdAccessKeyState, parsedDocument, policyTargetOf, statusAction, union, without,
} from './iam-changes.ts'
import { BucketReader, type BucketFacts, type ObjectTags } from '../storage/bucket-reader.ts'
import { generateAccessKeyPair } from '../shared/secret-generator.ts'

export { AUDITED_ACTIONS } from './iam-changes.ts'

/**
 * What read paths and the composed views (users.service, groups.service, …) get of a session: the
 * admin reads (minio's READ_OPERATIONS, passed through unchanged) and where they go, nothing that
 * changes the server.
 */
export type IamReader = Pick<IamSession, ReadOperation | 'endpoint' | 'actor'>

/** The S3 reads a session makes on the same credentials (bucket list and settings, object tags). */
export type StorageReader = Pick<IamSession, 'listBuckets' | 'bucketFacts' | 'objectTags' | 'hasSessionToken'>

export interface IamSessionOptions {
  /** The profile as the trail records it (id, name, endpoint; never the secret). */
  connection: ConnectionRef
  /** What the admin client signs with; held only by the private client. */
  credentials: AdminConnection
  trail: AuditTrail
}

type ChangeSpec = Omit<AuditIntent, 'connection' | 'actor'>
/** union or without: the sorted set after the change. */
type SetChange = (before: readonly string[], changed: readonly string[]) => string[]

/**
 * One IAM session per connection, the one road to a server for reads and writes: every channel of
 * the app and browser mode, bulk operations and `gatehouse snapshot apply` read and change servers
 * through it (the composed views live in users.service, groups.service, policies.service, … on top
 * of its reads). It builds its AdminClient itself and keeps it in a private field, so nothing
 * outside can reach a mutating call unaudited. Reads are passed through (no event: nothing
 * changes). Each mutating method reads the state before (cheaply, when it exists), writes the
 * intent, makes the call, and records outcome, duration and the state after. If the intent cannot be written the call is not made and
 * AppFailure AUDIT_UNAVAILABLE is thrown; the call's own AppFailure is recorded and rethrown.
 */
export class IamSession {
  readonly #client: AdminClient
  readonly #buckets: BucketReader
  readonly #trail: AuditTrail
  readonly #connection: ConnectionRef
  /** The access key changes are made with (recorded as the actor). */
  readonly actor: string
  /** The server's URL, as the profile names it. */
  readonly endpoint: string
  /** The saved connection's id (what the trail files its events under). */
  readonly connectionId: string
  /** Whether the credentials are temporary (STS): the checklist reports it. */
  readonly hasSessionToken: boolean

  constructor(options: IamSessionOptions) {
    this.#client = new AdminClient(options.credentials)
    this.#buckets = new BucketReader(options.credentials)
    this.hasSessionToken = options.credentials.sessionToken !== undefined
    this.#trail = options.trail
    this.#connection = options.connection
    this.actor = this.#client.accessKey
    this.endpoint = this.#client.endpoint
    this.connectionId = options.connection.id
  }

  close(): void {
    this.#client.close()
  }

  // ── reads: passed through ──
  serverInfo = () => this.#client.serverInfo()
  accountInfo = () => this.#client.accountInfo()
  listUsers = () => this.#client.listUsers()
  getUser = (accessKey: string) => this.#client.getUser(accessKey)
  listGroups = () => this.#client.listGroups()
  getGroup = (name: string) => this.#client.getGroup(name)
  listPolicies = () => this.#client.listPolicies()
  getPolicy = (name: string) => this.#client.getPolicy(name)
  policyEntities = (filter?: Parameters<AdminClient['policyEntities']>[0]) => this.#client.policyEntities(filter)
  getAccessKey = (accessKey: string) => this.#client.getAccessKey(accessKey)
  listAccessKeys = (user?: string) => this.#client.listAccessKeys(user)
  listAccessKeysBulk = (...args: Parameters<AdminClient['listAccessKeysBulk']>) => this.#client.listAccessKeysBulk(...args)

  // ── S3 reads on the same credentials (the admin API has none of these) ──
  listBuckets = (): Promise<string[]> => this.#buckets.listBuckets()
  bucketFacts = (name: string): Promise<BucketFacts> => this.#buckets.facts(name)
  objectTags = (bucket: string, key: string, versionId?: string): Promise<ObjectTags> => this.#buckets.objectTags(bucket, key, versionId)

  // ── users ──
  async createUser(user: { accessKey: string; secretKey: string; status?: EntityStatus }): Promise<void> {
    const status = user.status ?? 'enabled'
    const target = { type: 'user', name: user.accessKey } as const
    await this.#change({ action: 'user.created', target, details: { status }, sensitive: [user.secretKey] }, async () => {
      await this.#client.createUser(user)
      return { after: { status, policies: [], memberOf: [] } }
    })
  }

  async setUserSecret(accessKey: string, secretKey: string): Promise<void> {
    await this.#change({ action: 'user.secretChanged', target: { type: 'user', name: accessKey }, sensitive: [secretKey] }, async () => {
      await this.#client.setUserSecret(accessKey, secretKey)
      return {}
    })
  }

  async setUserStatus(accessKey: string, status: EntityStatus): Promise<void> {
    const before = await bestEffort(async () => ({ status: (await this.#client.getUser(accessKey)).status }))
    await this.#change({ action: statusAction('user', status), target: { type: 'user', name: accessKey }, before }, async () => {
      await this.#client.setUserStatus(accessKey, status)
      return { after: { status } }
    })
  }

  async removeUser(accessKey: string): Promise<void> {
    const before = await bestEffort(() => this.#client.getUser(accessKey))
    await this.#change({ action: 'user.deleted', target: { type: 'user', name: accessKey }, before }, async () => {
      await this.#client.removeUser(accessKey)
      return {}
    })
  }

  // ── groups ──
  async createGroup(name: string, members: readonly string[] = []): Promise<void> {
    await this.#change({ action: 'group.created', target: { type: 'group', name }, details: { members } }, async () => {
      await this.#client.createGroup(name, members)
      return { after: { status: 'enabled', members: [...members].sort() } }
    })
  }

  async addGroupMembers(name: string, members: readonly string[]): Promise<void> {
    await this.#memberChange(name, members, 'group.membersAdded', union, () => this.#client.addGroupMembers(name, members))
  }

  async removeGroupMembers(name: string, members: readonly string[]): Promise<void> {
    await this.#memberChange(name, members, 'group.membersRemoved', without, () => this.#client.removeGroupMembers(name, members))
  }

  async #memberChange(name: string, members: readonly string[], action: 'group.membersAdded' | 'group.membersRemoved', apply: SetChange, call: () => Promise<void>): Promise<void> {
    const before = await bestEffort(async () => (await this.#client.getGroup(name)).members)
    const intent = { action, target: { type: 'group', name }, before: before && { members: before }, details: { members } } as const
    await this.#change(intent, async () => {
      await call()
      return { after: before && { members: apply(before, members) } }
    })
  }

  async setGroupStatus(name: string, status: EntityStatus): Promise<void> {
    const before = await bestEffort(async () => ({ status: (await this.#client.getGroup(name)).status }))
    await this.#change({ action: statusAction('group', status), target: { type: 'group', name }, before }, async () => {
      await this.#client.setGroupStatus(name, status)
      return { after: { status } }
    })
  }

  async deleteGroup(name: string): Promise<void> {
    const before = await bestEffort(() => this.#client.getGroup(name))
    await this.#change({ action: 'group.deleted', target: { type: 'group', name }, before }, async () => {
      await this.#client.deleteGroup(name)
      return {}
    })
  }

  // ── policies ── (`details` notes why, e.g. `{ restoredFrom }` for a restore from the history)
  async createPolicy(name: string, document: PolicyDocument | string, details?: Record<string, unknown>): Promise<void> {
    await this.#change({ action: 'policy.created', target: { type: 'policy', name }, details }, async () => {
      await this.#client.createPolicy(name, document)
      return { after: parsedDocument(document) }
    })
  }

  async updatePolicy(name: string, document: PolicyDocument | string, details?: Record<string, unknown>): Promise<void> {
    const before = await bestEffort(async () => (await this.#client.getPolicy(name)).document)
    await this.#change({ action: 'policy.updated', target: { type: 'policy', name }, before, details }, async () => {
      await this.#client.updatePolicy(name, document)
      return { after: parsedDocument(document) }
    })
  }

  async deletePolicy(name: string): Promise<void> {
    const before = await bestEffort(async () => (await this.#client.getPolicy(name)).document)
    await this.#change({ action: 'policy.deleted', target: { type: 'policy', name }, before }, async () => {
      await this.#client.deletePolicy(name)
      return {}
    })
  }

  attachPolicies(target: PolicyTarget, names: readonly string[]): Promise<PolicyChange> {
    return this.#attachment(target, names, 'policy.attached', union, (knownBefore) => this.#client.attachPolicies(target, names, { knownBefore }))
  }

  detachPolicies(target: PolicyTarget, names: readonly string[]): Promise<PolicyChange> {
    return this.#attachment(target, names, 'policy.detached', without, (knownBefore) => this.#client.detachPolicies(target, names, { knownBefore }))
  }

  async #attachment(target: PolicyTarget, names: readonly string[], action: 'policy.attached' | 'policy.detached', apply: SetChange, call: (knownBefore: readonly string[] | undefined) => Promise<PolicyChange>): Promise<PolicyChange> {
    // A user's set comes from user-info, a plain reply (policy-entities is encrypted: two more Argon2
    // derivations per change, the bulk bottleneck). A group's comes from policy entities, because
    // MinIO hides a disabled group's policies in group info.
    const before = await bestEffort(async () => {
      if ('user' in target) return (await this.#client.getUser(target.user)).policies
      const entities = await this.#client.policyEntities({ groups: [target.group] })
      return entities.groupMappings[0]?.policies ?? []
    })
    return this.#change({ action, target: policyTargetOf(target), before: before && { policies: before }, details: { policies: names } }, async () => {
      const change = await call(before)
      return { value: change, after: before && { policies: apply(before, change.policies) } }
    })
  }

  // ── access keys ──
  async createAccessKey(input: NewAccessKey = {}): Promise<CreatedAccessKey> {
    const request = input.accessKey || input.secretKey ? input : { ...input, ...generateAccessKeyPair() }
    const { secretKey, ...recorded } = request
    const intent = { action: 'accessKey.created', target: { type: 'accessKey', name: request.accessKey ?? '' }, details: recorded, sensitive: secretKey ? [secretKey] : [] } as const
    return this.#change(intent, async () => {
      const created = await this.#client.createAccessKey(request)
      return { value: created, after: createdAccessKeyState(request, created, this.actor) }
    })
  }

  async updateAccessKey(accessKey: string, update: AccessKeyUpdate): Promise<void> {
    const before = await bestEffort(async () => accessKeyState(await this.#client.getAccessKey(accessKey)))
    const { secretKey, ...fields } = update
    const intent = { action: 'accessKey.updated', target: { type: 'accessKey', name: accessKey }, before, details: { ...fields, isSecretChanged: secretKey !== undefined }, sensitive: secretKey ? [secretKey] : [] } as const
    await this.#change(intent, async () => {
      await this.#client.updateAccessKey(accessKey, update)
      return { after: before && accessKeyStateAfter(before, update) }
    })
  }

  async setAccessKeyStatus(accessKey: string, status: EntityStatus): Promise<void> {
    const before = await bestEffort(async () => ({ status: (await this.#client.getAccessKey(accessKey)).status }))
    await this.#change({ action: statusAction('accessKey', status), target: { type: 'accessKey', name: accessKey }, before }, async () => {
      await this.#client.setAccessKeyStatus(accessKey, status)
      return { after: { status } }
    })
  }

  async deleteAccessKey(accessKey: string): Promise<void> {
    const before = await bestEffort(async () => accessKeyState(await this.#client.getAccessKey(accessKey)))
    await this.#change({ action: 'accessKey.deleted', target: { type: 'accessKey', name: accessKey }, before }, async () => {
      await this.#client.deleteAccessKey(accessKey)
      return {}
    })
  }

  /**
   * Wraps a whole snapshot export or apply in one event (the apply's item changes are recorded by the
   * methods above as they happen, inside it). `body` returns the value and a summary for `after`.
   */
  recordSnapshot<T>(action: 'snapshot.exported' | 'snapshot.applied', fileName: string, details: unknown, body: () => Promise<{ value: T; after?: unknown }>): Promise<T> {
    return this.#change({ action, target: { type: 'snapshot', name: fileName }, details }, body)
  }

  async #change<T>(spec: ChangeSpec, body: () => Promise<{ value?: T; after?: unknown }>): Promise<T> {
    const result = await this.#trail.recordChange({ ...spec, connection: this.#connection, actor: this.actor }, body)
    return result.value as T
  }
}
