import { AccessState, setAccess } from './features/access/access-state.svelte.ts'
import { AccessKeysState, setAccessKeys } from './features/access-keys/access-keys-state.svelte.ts'
import { AuditState, setAudit } from './features/audit/audit-state.svelte.ts'
import { ConnectionsState, setConnections } from './features/connections/connections-state.svelte.ts'
import { GroupsState, setGroups } from './features/groups/groups-state.svelte.ts'
import { PoliciesState, setPolicies } from './features/policies/policies-state.svelte.ts'
import { PolicyEditorState, setPolicyEditor } from './features/policies/policy-editor-state.svelte.ts'
import { SnapshotsState, setSnapshots } from './features/snapshots/snapshots-state.svelte.ts'
import { TesterSources, setTesterSources } from './features/tester/tester-sources.svelte.ts'
import { TesterState, setTester } from './features/tester/tester-state.svelte.ts'
import { UsersState, setUsers } from './features/users/users-state.svelte.ts'
import { CredentialCapabilities, setCapabilities } from './lib/credential-capabilities.svelte.ts'
import { ImpactSource, setImpactSource } from './lib/impact-preview.svelte.ts'
import { PolicyDrafts, setPolicyDrafts, usePolicyDrafts, type PolicyDraft } from './lib/policy-drafts.svelte.ts'

// The one place the renderer's state is created and put in context: the app-wide states here,
// each connection's screens below. Components only `useX()` what these set.

type IamSection = 'users' | 'groups' | 'policies' | 'access-keys'

/**
 * Creates the states that outlive a connection switch (the connection list, the offline tester,
 * the audit trail) and puts them in context; App.svelte calls it once. Starts reading the
 * connection list and returns its state, which chooses the connection shown.
 */
export function setupAppState(showDraft: (draft: PolicyDraft) => void): ConnectionsState {
  const connections = setConnections(new ConnectionsState())
  void connections.load()
  setPolicyDrafts(new PolicyDrafts(showDraft))
  const tester = setTester(new TesterState())
  setTesterSources(new TesterSources(tester))
  setAudit(new AuditState())
  return connections
}

/**
 * Creates the states of every screen that shows a connection's server, for ONE connection, and
 * puts them in context. ConnectionScope calls it and is re-created per connection, so nothing one
 * connection loaded (a list, an open key with its Delete button, a selection, a plan) is ever shown
 * for another, and an action begun on a screen always runs against the connection it was begun on.
 * `section()` says which screen is showing, so only that one (re)loads when it is opened.
 */
export function setupConnectionState(connectionId: string | null, section: () => string): void {
  const id = () => connectionId
  const capabilities = setCapabilities(new CredentialCapabilities(id))
  setImpactSource(new ImpactSource(id))
  setSnapshots(new SnapshotsState(id))
  setAccess(new AccessState(id))
  const policies = setPolicies(new PoliciesState(id))
  setPolicyEditor(new PolicyEditorState(id))
  const states: Record<IamSection, { load: () => Promise<void> }> = {
    users: setUsers(new UsersState(id)),
    groups: setGroups(new GroupsState(id)),
    policies,
    'access-keys': setAccessKeys(new AccessKeysState(id)),
  }
  void capabilities.load()
  $effect(() => {
    const current = section()
    if (connectionId && current in states) void states[current as IamSection].load()
  })
  // A draft handed over (a tester suggestion) opens in this connection's editor once it shows.
  const drafts = usePolicyDrafts()
  $effect(() => {
    if (connectionId && section() === 'policies' && drafts.pending) {
      const draft = drafts.takeFor(connectionId)
      if (draft) void policies.openDraft(draft)
    }
  })
}
