import { getContext, setContext } from 'svelte'
import type { AccessKeyDetail, AccessKeyView } from '../../../src-main/api/access-keys.contract.ts'
import type { ChannelInput } from '../../../src-main/api/contract.ts'
import type { PolicyIssue } from '../../../src-main/api/policies.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { inSteps } from '../../lib/in-steps.ts'
import { invoke } from '../../lib/transport.ts'
import { AccessKeysBulkState } from './access-keys-bulk-state.svelte.ts'
import { filterKeys, needsKeyFacts, NO_FILTER, ownersLackingFacts, type KeyFilter } from './key-filters.ts'

/** A listed key; the facts after `expiresAt` may be unknown (undefined) until read (accessKeys.details). */
export interface KeyRow {
  user: string
  accessKey: string
  expiresAt?: string | undefined
  name?: string | undefined
  status?: 'enabled' | 'disabled' | undefined
  parentStatus?: 'enabled' | 'disabled' | undefined
  hasSessionPolicy?: boolean | undefined
}

/** Owners per accessKeys.details call (the contract's maximum). */
const FACTS_STEP = 100

/** '' = every user (bulk listing), '@me' = the connected account, otherwise a user's access key. */
export type KeyScope = string
export const SCOPE_ALL = ''
export const SCOPE_ME = '@me'

export type NewKeyForm = Omit<ChannelInput<'accessKeys.create'>, 'connectionId'>
export type KeyUpdateForm = Omit<ChannelInput<'accessKeys.update'>, 'connectionId' | 'accessKey'>

/** The Access keys screen. A new key's secret lives here only until the admin dismisses it. */
export class AccessKeysState {
  scope = $state<KeyScope>(SCOPE_ALL)
  /** Replaced whole, never mutated: raw, so 2,000+ rows are not wrapped in proxies. */
  rows = $state.raw<KeyRow[]>([])
  filter = $state<KeyFilter>({ ...NO_FILTER })
  /** The rows every chosen filter lets through (lib key-filters.ts), shown in the virtualised list. */
  filtered = $derived(filterKeys(this.rows, this.filter, Date.now()))
  /** Reading the keys' session-policy facts for a filter: how many owners are done (null when not). */
  factsProgress = $state<{ done: number; total: number } | null>(null)
  /** The checked keys and the bulk disable over them. */
  readonly bulk: AccessKeysBulkState
  loadError = $state<AppError | null>(null)
  loading = $state(false)
  userNames = $state<string[]>([])
  open = $state<AccessKeyDetail | null>(null)
  created = $state<{ accessKey: string; secretKey: string; expiresAt?: string | undefined } | null>(null)
  readonly action = new ActionState()
  readonly #loads = new LatestCall()
  readonly #facts = new LatestCall()
  /** Each user's status from users.list, for rows listed one user at a time (never rendered). */
  #userStatus: Readonly<Record<string, 'enabled' | 'disabled'>> = {}

  constructor(private readonly connectionId: () => string | null) {
    this.bulk = new AccessKeysBulkState({ connectionId, patchRow: (accessKey, fields) => this.#patch({ [accessKey]: fields }) })
  }

  /** Reading every user's keys step by step: how many users are done (null when not doing so). */
  progress = $state<{ done: number; total: number } | null>(null)

  async load(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    this.loading = true
    this.loadError = null
    // The newest load wins: a scope switch, a change or Stop supersedes a list still in flight.
    const isLatest = this.#loads.begin()
    const scope = this.scope
    // Every user: the connection's own account first (root's keys belong to no listed user), then each user's.
    const [users, rows] = await Promise.all([invoke('users.list', { connectionId }), this.fetchRows(connectionId, scope === SCOPE_ALL ? SCOPE_ME : scope)])
    if (!isLatest()) return
    this.userNames = users.ok ? users.value.map((user) => user.accessKey) : []
    this.#userStatus = Object.fromEntries(users.ok ? users.value.map((user) => [user.accessKey, user.status]) : [])
    // Every user's keys need the user list: a refused users.list is this screen's refusal too.
    const refused = !rows.ok ? rows.error : scope === SCOPE_ALL && !users.ok ? users.error : null
    this.loadError = refused
    this.rows = rows.ok ? rows.value.map((row) => ({ parentStatus: this.#userStatus[row.user], ...row })) : []
    this.bulk.selection.adoptConnection()
    if (scope === SCOPE_ALL && !refused) await this.#readEveryUser(connectionId, this.userNames, isLatest)
    if (!isLatest()) return
    this.loading = false
    this.bulk.selection.keepOnly(this.rows.map((row) => row.accessKey))
    if (needsKeyFacts(this.filter)) await this.readFacts()
  }

  /** Changes the filter; one that asks for session policies reads the facts the listing lacks. */
  async setFilter(change: Partial<KeyFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change }
    if (needsKeyFacts(this.filter) && !this.loading) await this.readFacts()
  }

  /**
   * Reads status, name and session-policy presence for the owners whose keys lack them, FACTS_STEP
   * owners per call (each owner is one encrypted admin call), with progress; a new load stops it.
   */
  async readFacts(): Promise<void> {
    const connectionId = this.connectionId()
    const owners = ownersLackingFacts(this.rows)
    if (!connectionId || owners.length === 0 || this.factsProgress) return
    const isLatest = this.#facts.begin()
    this.factsProgress = { done: 0, total: owners.length }
    const outcome = await inSteps(owners, FACTS_STEP, (chunk) => invoke('accessKeys.details', { connectionId, owners: chunk }), isLatest, (facts, done) => {
      this.#patch(Object.fromEntries(facts.map(({ accessKey, status, name, hasSessionPolicy }) => [accessKey, { status, name, hasSessionPolicy }])))
      this.factsProgress = { done, total: owners.length }
    })
    if (outcome.isStale) return
    if (outcome.error) this.loadError = outcome.error
    this.factsProgress = null
  }

  /** Patches the rows of the given keys (one replacement of the list). */
  #patch(fields: Readonly<Record<string, Partial<KeyRow>>>): void {
    this.rows = this.rows.map((row) => (Object.hasOwn(fields, row.accessKey) ? { ...row, ...fields[row.accessKey] } : row))
  }

  /**
   * Every user's keys, STEP users per call: each call's work is bounded (one call for 10,000 users
   * outgrows any fixed deadline), rows appear as they come, and Stop sends no further call.
   */
  async #readEveryUser(connectionId: string, users: string[], isLatest: () => boolean): Promise<void> {
    this.progress = { done: 0, total: users.length }
    const outcome = await inSteps(users, STEP, (chunk) => invoke('accessKeys.listAll', { connectionId, users: chunk }), isLatest, (rows, done) => {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this merge, never rendered
      const known = new Set(this.rows.map((row) => row.accessKey))
      this.rows = [...this.rows, ...rows.filter((row) => !known.has(row.accessKey))]
      this.progress = { done, total: users.length }
    })
    if (outcome.isStale) return
    if (outcome.error) this.loadError = outcome.error
    this.progress = null
  }

  /** Stops reading every user's keys: no further call is sent; the rows read so far stay. */
  stop(): void {
    this.#loads.begin()
    this.#facts.begin()
    this.factsProgress = null
    this.loading = false
    this.progress = null
  }

  private async fetchRows(connectionId: string, scope: KeyScope): Promise<{ ok: true; value: KeyRow[] } | { ok: false; error: AppError }> {
    if (scope === SCOPE_ALL) return invoke('accessKeys.listAll', { connectionId })
    const result = await invoke('accessKeys.list', scope === SCOPE_ME ? { connectionId } : { connectionId, user: scope })
    return result.ok ? { ok: true, value: result.value.map(toRow) } : result
  }

  async setScope(scope: KeyScope): Promise<void> {
    this.scope = scope
    this.open = null
    await this.load()
  }

  async select(accessKey: string): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    this.open = await this.action.run(`Could not read access key '${accessKey}'`, () => invoke('accessKeys.get', { connectionId, accessKey }))
  }

  /** MinIO's validation of a session policy text (no server call); [] for empty text. */
  async checkSessionPolicy(text: string): Promise<PolicyIssue[]> {
    if (!text.trim()) return []
    const result = await invoke('policies.validate', { text, kind: 'session' })
    return result.ok ? result.value.issues.filter((issue) => issue.source === 'validation') : []
  }

  async create(form: NewKeyForm): Promise<boolean> {
    const connectionId = this.connectionId()
    if (!connectionId) return false
    const created = await this.action.run('Could not create the access key', () => invoke('accessKeys.create', { connectionId, ...form }))
    if (!created) return false
    this.created = created
    await this.load()
    return true
  }

  async update(form: KeyUpdateForm): Promise<boolean> {
    const connectionId = this.connectionId()
    const accessKey = this.open?.accessKey
    if (!connectionId || !accessKey) return false
    const updated = await this.action.run('Could not update the access key', () => invoke('accessKeys.update', { connectionId, accessKey, ...form }))
    if (updated) this.open = updated
    await this.load()
    return updated !== null
  }

  async setStatus(status: 'enabled' | 'disabled'): Promise<void> {
    const connectionId = this.connectionId()
    const accessKey = this.open?.accessKey
    if (!connectionId || !accessKey) return
    const updated = await this.action.run(`Could not ${status === 'enabled' ? 'enable' : 'disable'} the key`, () => invoke('accessKeys.setStatus', { connectionId, accessKey, status }))
    if (updated) this.open = updated
    await this.load()
  }

  async remove(): Promise<void> {
    const connectionId = this.connectionId()
    const accessKey = this.open?.accessKey
    if (!connectionId || !accessKey) return
    const removed = await this.action.run('Could not delete the access key', () => invoke('accessKeys.remove', { connectionId, accessKey }))
    if (removed) this.open = null
    await this.load()
  }
}

/**
 * Users per accessKeys.listAll call when reading every user's keys (the contract's maximum).
 * Measured on 10,000 users with 2,000 keys: 1,000 users per call took 0.7 s, so all of them about
 * 7 s, while MinIO's single "every user" call took 20.6 s (past the 20 s deadline it used to get).
 */
const STEP = 1000 // LIST_ALL_MAX_USERS in access-keys.contract.ts (the renderer imports only types from src-main)

function toRow(key: AccessKeyView): KeyRow {
  return { user: key.parentUser, accessKey: key.accessKey, expiresAt: key.expiresAt, name: key.name, status: key.status, hasSessionPolicy: !key.impliedPolicy }
}

const KEY = Symbol('access-keys')

export function setAccessKeys(state: AccessKeysState): AccessKeysState {
  return setContext(KEY, state)
}

export function useAccessKeys(): AccessKeysState {
  return getContext<AccessKeysState>(KEY)
}
