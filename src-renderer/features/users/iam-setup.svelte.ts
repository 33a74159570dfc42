import { AccessState, setAccess } from '../access/access-state.svelte.ts'
import { AccessKeysState, setAccessKeys } from '../access-keys/access-keys-state.svelte.ts'
import { GroupsState, setGroups } from '../groups/groups-state.svelte.ts'
import { PoliciesState, setPolicies } from '../policies/policies-state.svelte.ts'
import { SnapshotsState, setSnapshots } from '../snapshots/snapshots-state.svelte.ts'
import { AccountState, setAccount } from './account-state.svelte.ts'
import { UsersState, setUsers } from './users-state.svelte.ts'

export type IamSection = 'users' | 'groups' | 'policies' | 'access-keys'

/**
 * Creates the states of every screen that shows a connection's server, for ONE connection, and
 * puts them in context. ConnectionScope calls it and is re-created per connection, so nothing one
 * connection loaded (a list, an open key with its Delete button, a selection, a plan) is ever shown
 * for another, and an action begun on a screen always runs against the connection it was begun on.
 * `section()` says which screen is showing, so only that one (re)loads when it is opened.
 */
export function setupConnectionScreens(connectionId: string | null, section: () => string): void {
  const id = () => connectionId
  const account = setAccount(new AccountState())
  setSnapshots(new SnapshotsState(id))
  setAccess(new AccessState(id))
  const states: Record<IamSection, { load: () => Promise<void> }> = {
    users: setUsers(new UsersState(id)),
    groups: setGroups(new GroupsState(id)),
    policies: setPolicies(new PoliciesState(id)),
    'access-keys': setAccessKeys(new AccessKeysState(id)),
  }
  void account.load(connectionId)
  $effect(() => {
    const current = section()
    if (connectionId && current in states) void states[current as IamSection].load()
  })
}
