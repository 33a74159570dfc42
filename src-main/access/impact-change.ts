/**
 * The changes that alter access, as the impact preview describes them, and the state after one:
 * `applyChange` returns a new deployment model (the given one is never mutated), mirroring what
 * MinIO does with the change. Pure.
 */
import type { PolicyDocument } from '../policy/index.ts'
import type { DeploymentModel, ModelAccessKey, ModelGroup, ModelUser } from './deployment.ts'

/** A user or a group a policy is attached to or detached from. */
export type ImpactTarget = { user: string } | { group: string }

export type ProposedChange =
  /** Attach or detach policies on one or many users and groups (the bulk bar sends many users). */
  | { kind: 'attach' | 'detach'; targets: readonly ImpactTarget[]; policies: readonly string[] }
  /** Create or replace a policy document (create, edit, a built-in's override). */
  | { kind: 'putPolicy'; name: string; document: PolicyDocument }
  /** Delete a policy; its attachments go too (the app detaches it everywhere first). */
  | { kind: 'deletePolicy'; name: string }
  /** Add users to a group or remove them from it. */
  | { kind: 'addMembers' | 'removeMembers'; group: string; users: readonly string[] }
  | { kind: 'groupStatus'; group: string; enabled: boolean }
  | { kind: 'userStatus'; users: readonly string[]; enabled: boolean }
  /** MinIO also deletes the users' access keys and memberships. */
  | { kind: 'deleteUsers'; users: readonly string[] }
  /** `inherit` drops the session policy (the key then has its owner's policies). */
  | { kind: 'accessKeyPolicy'; accessKey: string; sessionPolicy: PolicyDocument | 'inherit' }
  | { kind: 'accessKeyStatus'; accessKey: string; enabled: boolean }
  /** The Access keys screen's bulk enable/disable. */
  | { kind: 'accessKeysStatus'; accessKeys: readonly string[]; enabled: boolean }
  | { kind: 'deleteAccessKey'; accessKey: string }
  /** A new key's expiry (ISO 8601) or none: an expired key has no access, so it can give some back. */
  | { kind: 'accessKeyExpiry'; accessKey: string; expiresAt: string | null }
  /** A new user with its policies and groups, made in one form (enabled, as MinIO creates it). */
  | { kind: 'createUser'; name: string; policies: readonly string[]; groups: readonly string[] }
  /** A new access key of `parent`: its parent's access, ∩ the session policy when it has one. `accessKey` is a stand-in name until MinIO picks one. */
  | { kind: 'createAccessKey'; accessKey: string; parent: string; sessionPolicy?: PolicyDocument; expiresAt?: string }
  /** MinIO deletes only empty groups: the app removes the members first, then the group and its attachments go. */
  | { kind: 'deleteGroup'; group: string }

type Mutable = { users: Map<string, ModelUser>; groups: Map<string, ModelGroup>; policies: Map<string, PolicyDocument>; accessKeys: Map<string, ModelAccessKey> }

const without = (list: readonly string[], drop: readonly string[]) => list.filter((item) => !drop.includes(item))
const withAll = (list: readonly string[], add: readonly string[]) => [...list, ...add.filter((item) => !list.includes(item))]

function mapUser(state: Mutable, name: string, edit: (user: ModelUser) => ModelUser): void {
  const user = state.users.get(name)
  if (user) state.users.set(name, edit(user))
}

function mapGroup(state: Mutable, name: string, edit: (group: ModelGroup) => ModelGroup): void {
  const group = state.groups.get(name)
  if (group) state.groups.set(name, edit(group))
}

function mapKey(state: Mutable, accessKey: string, edit: (key: ModelAccessKey) => ModelAccessKey): void {
  const key = state.accessKeys.get(accessKey)
  if (key) state.accessKeys.set(accessKey, edit(key))
}

function attachment(state: Mutable, change: Extract<ProposedChange, { kind: 'attach' | 'detach' }>): void {
  const edit = (list: readonly string[]) => (change.kind === 'attach' ? withAll(list, change.policies) : without(list, change.policies))
  for (const target of change.targets) {
    if ('user' in target) mapUser(state, target.user, (user) => ({ ...user, policies: edit(user.policies) }))
    else mapGroup(state, target.group, (group) => ({ ...group, policies: edit(group.policies) }))
  }
}

function membership(state: Mutable, change: Extract<ProposedChange, { kind: 'addMembers' | 'removeMembers' }>): void {
  // MinIO: adding members to a group that does not exist creates it (with no policies).
  const group = state.groups.get(change.group) ?? { name: change.group, enabled: true, members: [], policies: [] }
  const isAdd = change.kind === 'addMembers'
  const users = change.users.filter((name) => state.users.has(name))
  state.groups.set(change.group, { ...group, members: isAdd ? withAll(group.members, users) : without(group.members, users) })
  for (const name of users) mapUser(state, name, (user) => ({ ...user, groups: isAdd ? withAll(user.groups, [change.group]) : without(user.groups, [change.group]) }))
}

function deleteUsers(state: Mutable, users: readonly string[]): void {
  for (const name of users) state.users.delete(name)
  for (const [accessKey, key] of state.accessKeys) if (users.includes(key.parent)) state.accessKeys.delete(accessKey)
  for (const group of state.groups.values()) if (group.members.some((member) => users.includes(member))) state.groups.set(group.name, { ...group, members: without(group.members, users) })
}

function createUser(state: Mutable, change: Extract<ProposedChange, { kind: 'createUser' }>): void {
  state.users.set(change.name, { name: change.name, enabled: true, policies: [...change.policies], groups: [] })
  // Joining as addMembers does (a group not there yet is created, as MinIO does).
  for (const group of change.groups) membership(state, { kind: 'addMembers', group, users: [change.name] })
}

function deleteGroup(state: Mutable, name: string): void {
  const group = state.groups.get(name)
  if (!group) return
  membership(state, { kind: 'removeMembers', group: name, users: group.members })
  state.groups.delete(name)
}

function deletePolicy(state: Mutable, name: string): void {
  state.policies.delete(name)
  for (const user of state.users.values()) if (user.policies.includes(name)) state.users.set(user.name, { ...user, policies: without(user.policies, [name]) })
  for (const group of state.groups.values()) if (group.policies.includes(name)) state.groups.set(group.name, { ...group, policies: without(group.policies, [name]) })
}

function apply(state: Mutable, change: ProposedChange): void {
  switch (change.kind) {
    case 'attach':
    case 'detach':
      return attachment(state, change)
    case 'putPolicy':
      return void state.policies.set(change.name, change.document)
    case 'deletePolicy':
      return deletePolicy(state, change.name)
    case 'addMembers':
    case 'removeMembers':
      return membership(state, change)
    case 'groupStatus':
      return mapGroup(state, change.group, (group) => ({ ...group, enabled: change.enabled }))
    case 'userStatus':
      for (const name of change.users) mapUser(state, name, (user) => ({ ...user, enabled: change.enabled }))
      return
    case 'deleteUsers':
      return deleteUsers(state, change.users)
    case 'accessKeyPolicy':
      return mapKey(state, change.accessKey, ({ sessionPolicy: _dropped, ...key }) => (change.sessionPolicy === 'inherit' ? key : { ...key, sessionPolicy: change.sessionPolicy }))
    case 'accessKeyStatus':
      return mapKey(state, change.accessKey, (key) => ({ ...key, enabled: change.enabled }))
    case 'accessKeysStatus':
      for (const accessKey of change.accessKeys) mapKey(state, accessKey, (key) => ({ ...key, enabled: change.enabled }))
      return
    case 'deleteAccessKey':
      return void state.accessKeys.delete(change.accessKey)
    case 'accessKeyExpiry':
      return mapKey(state, change.accessKey, ({ expiresAt: _dropped, ...key }) => (change.expiresAt === null ? key : { ...key, expiresAt: change.expiresAt }))
    case 'createUser':
      return createUser(state, change)
    case 'createAccessKey': {
      const { accessKey, parent, sessionPolicy, expiresAt } = change
      return void state.accessKeys.set(accessKey, { accessKey, parent, enabled: true, ...(sessionPolicy ? { sessionPolicy } : {}), ...(expiresAt ? { expiresAt } : {}) })
    }
    case 'deleteGroup':
      return deleteGroup(state, change.group)
  }
}

/** The deployment as it would be after `change`; names the model does not have are left alone. */
export function applyChange(model: DeploymentModel, change: ProposedChange): DeploymentModel {
  const state: Mutable = { users: new Map(model.users), groups: new Map(model.groups), policies: new Map(model.policies), accessKeys: new Map(model.accessKeys) }
  apply(state, change)
  return { ...model, ...state }
}
