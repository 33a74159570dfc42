import { getContext, setContext } from 'svelte'
import type { UserDetail, UserView } from '../../../src-main/api/users.contract.ts'
import type { AppError, Result } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { forEachConcurrently } from '../../lib/concurrently.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { USERS_ARRIVED_MARK, markNow } from '../../lib/perf-marks.ts'
import { invoke } from '../../lib/transport.ts'
import { UsersBulkState } from './users-bulk-state.svelte.ts'

/** Up to this many changed users, a bulk run re-reads each with users.get; beyond it, one users.list. */
const ROW_READ_LIMIT = 20
/** Row reads in flight at once after a bulk run: a few, so the re-reads do not all queue in main at once. */
const ROW_READS_IN_FLIGHT = 2

/** The Users screen: the list (10,000 users is fine: filtering is in memory), the selected user's detail, and changes. */
export class UsersState {
  /** Replaced whole, never mutated: raw, so 10,000 rows are not wrapped in 10,000 proxies. */
  users = $state.raw<UserView[]>([])
  loadError = $state<AppError | null>(null)
  loading = $state(false)
  filter = $state('')
  selected = $state<string | null>(null)
  detail = $state<UserDetail | null>(null)
  policyNames = $state<string[]>([])
  /** The secret of the user just created, shown once and then dropped. */
  created = $state<{ accessKey: string; secretKey: string } | null>(null)
  readonly action = new ActionState()
  /** The checked rows and bulk runs over them. */
  readonly bulk = new UsersBulkState({
    connectionId: () => this.connectionId(),
    rows: () => this.users,
    refreshRows: (changed, deleted) => this.refreshRows(changed, deleted),
  })
  /** Rows changed while a list is in flight: re-applied to its (older) answer, so no change is lost. */
  #changedDuringLoad: Map<string, UserView | null> | null = null
  readonly #loads = new LatestCall()
  readonly #details = new LatestCall()

  filtered = $derived.by(() => {
    const needle = this.filter.trim().toLowerCase()
    return needle ? this.users.filter((user) => user.accessKey.toLowerCase().includes(needle)) : this.users
  })

  constructor(private readonly connectionId: () => string | null) {}

  async load(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    this.loading = true
    const isLatest = this.#loads.begin()
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping for this load, never rendered
    const changed = (this.#changedDuringLoad = new Map())
    // The rows show as soon as they arrive; the policy names (for the pickers) may come later.
    const policies = invoke('policies.list', { connectionId })
    const users = await invoke('users.list', { connectionId })
    // A newer load (a re-list after a change) owns the screen: this older answer is dropped.
    if (!isLatest()) return
    markNow(USERS_ARRIVED_MARK)
    this.#changedDuringLoad = null
    this.loading = false
    this.loadError = users.ok ? null : users.error
    this.users = users.ok ? users.value : []
    for (const [accessKey, row] of changed) this.#putRow(accessKey, row)
    this.bulk.reset(this.users)
    const policyList = await policies
    if (!isLatest()) return
    this.policyNames = policyList.ok ? policyList.value.map((policy) => policy.name) : []
    if (this.selected) await this.select(this.selected)
  }

  async select(accessKey: string | null): Promise<void> {
    await this.#show(accessKey)
  }

  /** Selects a user and reads its detail: shown unless a later selection began meanwhile, and returned either way. */
  async #show(accessKey: string | null): Promise<UserDetail | null> {
    const connectionId = this.connectionId()
    this.selected = accessKey
    const isLatest = this.#details.begin()
    if (!accessKey || !connectionId) {
      this.detail = null
      return null
    }
    const detail = await this.action.run(`Could not read user '${accessKey}'`, () => invoke('users.get', { connectionId, accessKey }))
    if (isLatest()) this.detail = detail
    return detail
  }

  /** Creates a user, then attaches its policies and adds it to its groups (each an audited change). */
  async create(accessKey: string, secretKey: string, access: { policies: string[]; groups: string[] } = { policies: [], groups: [] }): Promise<boolean> {
    const connectionId = this.connectionId()
    if (!connectionId) return false
    const done = await this.action.run('Could not create the user', () => invoke('users.create', { connectionId, accessKey, secretKey }))
    if (!done) return false
    const user = done.accessKey
    // Stops at the first refusal, so its error stays on screen (a later success would clear it).
    const attached = access.policies.length === 0 ||
      (await this.action.run(`Created '${user}', but could not attach its policies`, () => invoke('policies.attach', { connectionId, target: { user }, policies: access.policies }))) !== null
    for (const name of attached ? access.groups : []) {
      const added = await this.action.run(`Created '${user}', but could not add it to group '${name}'`, () => invoke('groups.addMembers', { connectionId, name, members: [user] }))
      if (!added) break
    }
    this.created = { accessKey: done.accessKey, secretKey }
    // The new user must be visible: a filter that hides it is cleared.
    if (!done.accessKey.toLowerCase().includes(this.filter.trim().toLowerCase())) this.filter = ''
    this.selected = done.accessKey
    await this.refreshSelected()
    return true
  }

  /**
   * Reads the selected user again and patches its list row, instead of re-listing: list-users is
   * an encrypted call that costs seconds of Argon2 on the server (§2.7).
   */
  private async refreshSelected(): Promise<void> {
    // The read made after the change patches the row even when a later read now owns the detail.
    const detail = await this.#show(this.selected)
    if (!detail) return
    this.#putRow(detail.accessKey, { accessKey: detail.accessKey, status: detail.status, policies: detail.policies, memberOf: detail.memberOf })
  }

  /**
   * Patches the list after a bulk run: deleted rows go without a read; changed rows are read again.
   * users.list is one encrypted call costing seconds of Argon2 whatever the count (§2.7), while
   * users.get is mostly plain reads (an encrypted one only for a user in groups), so a few users
   * are read one by one (ROW_READS_IN_FLIGHT at once) and more than ROW_READ_LIMIT trigger one re-list instead.
   */
  async refreshRows(changed: readonly string[], deleted: readonly string[]): Promise<void> {
    for (const accessKey of deleted) this.#putRow(accessKey, null)
    if (this.selected && deleted.includes(this.selected)) await this.select(null)
    if (changed.length > ROW_READ_LIMIT) return this.load()
    await forEachConcurrently(changed, ROW_READS_IN_FLIGHT, (accessKey) => this.#readRow(accessKey))
  }

  /** Reads one user again and patches its row (and the detail, when it is the one shown); NOT_FOUND removes the row. */
  async #readRow(accessKey: string): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const detail = await invoke('users.get', { connectionId, accessKey })
    if (!detail.ok) {
      if (detail.error.code !== 'NOT_FOUND') return
      this.#putRow(accessKey, null)
      if (this.selected === accessKey) await this.select(null)
      return
    }
    const { status, policies, memberOf } = detail.value
    this.#putRow(accessKey, { accessKey, status, policies, memberOf })
    if (this.selected === accessKey) this.detail = detail.value
  }

  /** Replaces (or with null removes) one list row, and remembers it for a list still in flight. */
  #putRow(accessKey: string, row: UserView | null): void {
    this.#changedDuringLoad?.set(accessKey, row)
    const others = this.users.filter((user) => user.accessKey !== accessKey)
    this.users = row ? [...others, row].sort((left, right) => (left.accessKey < right.accessKey ? -1 : 1)) : others
  }

  /** Runs a change on the selected user, then reloads the list and the detail. */
  private async change(title: string, call: (connectionId: string, accessKey: string) => Promise<Result<unknown>>): Promise<boolean> {
    const connectionId = this.connectionId()
    const accessKey = this.selected
    if (!connectionId || !accessKey) return false
    const done = await this.action.run(title, () => call(connectionId, accessKey))
    if (done) await this.refreshSelected()
    return done !== null
  }

  setStatus(status: 'enabled' | 'disabled'): Promise<boolean> {
    return this.change(`Could not ${status === 'enabled' ? 'enable' : 'disable'} the user`, (connectionId, accessKey) =>
      invoke('users.setStatus', { connectionId, accessKey, status }))
  }

  changeSecret(secretKey: string): Promise<boolean> {
    return this.change('Could not change the secret key', (connectionId, accessKey) => invoke('users.changeSecret', { connectionId, accessKey, secretKey }))
  }

  async remove(): Promise<boolean> {
    const accessKey = this.selected
    const connectionId = this.connectionId()
    if (!connectionId || !accessKey) return false
    const removed = await this.action.run('Could not delete the user', () => invoke('users.remove', { connectionId, accessKey }))
    if (!removed) return false
    this.#putRow(accessKey, null)
    await this.select(null)
    return true
  }

  attach(policy: string): Promise<boolean> {
    return this.change(`Could not attach '${policy}'`, (connectionId, user) => invoke('policies.attach', { connectionId, target: { user }, policies: [policy] }))
  }

  detach(policy: string): Promise<boolean> {
    return this.change(`Could not detach '${policy}'`, (connectionId, user) => invoke('policies.detach', { connectionId, target: { user }, policies: [policy] }))
  }
}

const KEY = Symbol('users')

export function setUsers(state: UsersState): UsersState {
  return setContext(KEY, state)
}

export function useUsers(): UsersState {
  return getContext<UsersState>(KEY)
}
