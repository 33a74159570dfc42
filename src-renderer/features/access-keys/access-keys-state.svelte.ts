import { getContext, setContext } from 'svelte'
import type { AccessKeyDetail } from '../../../src-main/api/access-keys.contract.ts'
import type { ChannelInput } from '../../../src-main/api/contract.ts'
import type { PolicyIssue } from '../../../src-main/api/policies.contract.ts'
import type { AppError } from '../../../src-main/shared/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'

export interface KeyRow {
  user: string
  accessKey: string
  expiresAt?: string | undefined
  name?: string | undefined
  status?: 'enabled' | 'disabled' | undefined
}

/** '' = every user (bulk listing), '@me' = the connected account, otherwise a user's access key. */
export type KeyScope = string
export const SCOPE_ALL = ''
export const SCOPE_ME = '@me'

export type NewKeyForm = Omit<ChannelInput<'accessKeys.create'>, 'connectionId'>
export type KeyUpdateForm = Omit<ChannelInput<'accessKeys.update'>, 'connectionId' | 'accessKey'>

/** The Access keys screen. A new key's secret lives here only until the admin dismisses it. */
export class AccessKeysState {
  scope = $state<KeyScope>(SCOPE_ALL)
  rows = $state<KeyRow[]>([])
  loadError = $state<AppError | null>(null)
  loading = $state(false)
  userNames = $state<string[]>([])
  open = $state<AccessKeyDetail | null>(null)
  created = $state<{ accessKey: string; secretKey: string; expiresAt?: string | undefined } | null>(null)
  readonly action = new ActionState()
  readonly #loads = new LatestCall()

  constructor(private readonly connectionId: () => string | null) {}

  async load(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    this.loading = true
    // The newest load wins: a scope switch or a change re-lists while an older list may still be in flight.
    const isLatest = this.#loads.begin()
    const [users, rows] = await Promise.all([invoke('users.list', { connectionId }), this.fetchRows(connectionId, this.scope)])
    if (!isLatest()) return
    this.loading = false
    this.userNames = users.ok ? users.value.map((user) => user.accessKey) : []
    this.loadError = rows.ok ? null : rows.error
    this.rows = rows.ok ? rows.value : []
  }

  private async fetchRows(connectionId: string, scope: KeyScope): Promise<{ ok: true; value: KeyRow[] } | { ok: false; error: AppError }> {
    if (scope === SCOPE_ALL) return invoke('accessKeys.listAll', { connectionId })
    const result = await invoke('accessKeys.list', scope === SCOPE_ME ? { connectionId } : { connectionId, user: scope })
    if (!result.ok) return result
    return { ok: true, value: result.value.map((key) => ({ user: key.parentUser, accessKey: key.accessKey, expiresAt: key.expiresAt, name: key.name, status: key.status })) }
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

const KEY = Symbol('access-keys')

export function setAccessKeys(state: AccessKeysState): AccessKeysState {
  return setContext(KEY, state)
}

export function useAccessKeys(): AccessKeysState {
  return getContext<AccessKeysState>(KEY)
}
