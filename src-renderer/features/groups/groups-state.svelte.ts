import { getContext, setContext } from 'svelte'
import type { GroupView } from '../../../src-main/api/groups.contract.ts'
import type { AppError, Result } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'

/** The Groups screen: groups with members and policies, and the changes MinIO allows on them (§4.2). */
export class GroupsState {
  groups = $state<GroupView[]>([])
  loadError = $state<AppError | null>(null)
  loading = $state(false)
  selected = $state<string | null>(null)
  userNames = $state<string[]>([])
  policyNames = $state<string[]>([])
  /** Set when MinIO refused to delete a non-empty group: the members to offer removing first. */
  deleteBlockedBy = $state<string[] | null>(null)
  readonly action = new ActionState()
  readonly #loads = new LatestCall()

  detail = $derived(this.groups.find((group) => group.name === this.selected) ?? null)

  constructor(private readonly connectionId: () => string | null) {}

  async load(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    this.loading = true
    const isLatest = this.#loads.begin()
    const [groups, users, policies] = await Promise.all([
      invoke('groups.list', { connectionId }),
      invoke('users.list', { connectionId }),
      invoke('policies.list', { connectionId }),
    ])
    if (!isLatest()) return
    this.loading = false
    this.loadError = groups.ok ? null : groups.error
    this.groups = groups.ok ? groups.value : []
    this.userNames = users.ok ? users.value.map((user) => user.accessKey) : []
    this.policyNames = policies.ok ? policies.value.map((policy) => policy.name) : []
  }

  select(name: string | null): void {
    this.selected = name
    this.deleteBlockedBy = null
    this.action.clear()
  }

  async create(name: string, members: string[]): Promise<boolean> {
    const connectionId = this.connectionId()
    if (!connectionId) return false
    const created = await this.action.run('Could not create the group', () => invoke('groups.create', { connectionId, name, members }))
    if (!created) return false
    await this.load()
    this.select(created.name)
    return true
  }

  private async change(title: string, call: (connectionId: string, name: string) => Promise<Result<unknown>>): Promise<boolean> {
    const connectionId = this.connectionId()
    const name = this.selected
    if (!connectionId || !name) return false
    const done = await this.action.run(title, () => call(connectionId, name))
    await this.load()
    return done !== null
  }

  addMembers(members: string[]): Promise<boolean> {
    return this.change('Could not add the members', (connectionId, name) => invoke('groups.addMembers', { connectionId, name, members }))
  }

  removeMember(member: string): Promise<boolean> {
    return this.change(`Could not remove '${member}'`, (connectionId, name) => invoke('groups.removeMembers', { connectionId, name, members: [member] }))
  }

  setStatus(status: 'enabled' | 'disabled'): Promise<boolean> {
    return this.change(`Could not ${status === 'enabled' ? 'enable' : 'disable'} the group`, (connectionId, name) =>
      invoke('groups.setStatus', { connectionId, name, status }))
  }

  attach(policy: string): Promise<boolean> {
    return this.change(`Could not attach '${policy}'`, (connectionId, group) => invoke('policies.attach', { connectionId, target: { group }, policies: [policy] }))
  }

  detach(policy: string): Promise<boolean> {
    return this.change(`Could not detach '${policy}'`, (connectionId, group) => invoke('policies.detach', { connectionId, target: { group }, policies: [policy] }))
  }

  /** Deletes the group; on MinIO's non-empty refusal, remembers the members so the UI can offer removing them. */
  async remove(removeMembersFirst: boolean): Promise<boolean> {
    const removed = await this.change('Could not delete the group', (connectionId, name) => invoke('groups.remove', { connectionId, name, removeMembersFirst }))
    const error = this.action.error?.error
    const members = error?.code === 'CONFLICT' ? error.details?.['members'] : undefined
    this.deleteBlockedBy = Array.isArray(members) ? members.map(String) : null
    // The not-empty notice explains this refusal and offers the fix: no second notice for it.
    if (this.deleteBlockedBy) this.action.clear()
    if (removed) this.select(null)
    return removed
  }
}

const KEY = Symbol('groups')

export function setGroups(state: GroupsState): GroupsState {
  return setContext(KEY, state)
}

export function useGroups(): GroupsState {
  return getContext<GroupsState>(KEY)
}
