import type { ConnectionsState } from '../connections/connections-state.svelte.ts'
import { AccessKeysState, setAccessKeys } from '../access-keys/access-keys-state.svelte.ts'
import { GroupsState, setGroups } from '../groups/groups-state.svelte.ts'
import { PoliciesState, setPolicies } from '../policies/policies-state.svelte.ts'
import { AccountState, setAccount } from './account-state.svelte.ts'
import { UsersState, setUsers } from './users-state.svelte.ts'

export type IamSection = 'users' | 'groups' | 'policies' | 'access-keys'

/**
 * Creates the IAM screens' states on the selected connection and puts them in context. Call
 * during the shell's initialisation; `section()` says which screen is showing, so only that one
 * (re)loads when the section or the selected connection changes.
 */
export function setupIamScreens(connections: ConnectionsState, section: () => string): void {
  const connectionId = () => connections.selectedId
  const account = setAccount(new AccountState())
  const states: Record<IamSection, { load: () => Promise<void> }> = {
    users: setUsers(new UsersState(connectionId)),
    groups: setGroups(new GroupsState(connectionId)),
    policies: setPolicies(new PoliciesState(connectionId)),
    'access-keys': setAccessKeys(new AccessKeysState(connectionId)),
  }
  $effect(() => {
    const id = connections.selectedId
    void account.load(id)
    const current = section()
    if (id && current in states) void states[current as IamSection].load()
  })
}
