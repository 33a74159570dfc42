/**
 * The scoped read of the impact preview: every policy (one listing) and every mapping (one
 * policyEntities call), but only the principals the change can reach, with what the evaluator needs
 * of them: users (status, policies, groups), their groups, their access keys (session policies).
 * At 10,000 users the whole read takes longer than a confirmation may wait; the scope is a few
 * dozen calls. `impactOf` asks only the reach (access/impact.ts reachOf) and assembles each
 * principal from its user, groups and keys, so it answers the scoped model as it answers the full
 * one. Undefined when the reach is large (see SCOPE_LIMIT): the caller reads everything then.
 */
import { unlessMissing } from '../shared/unless-missing.ts'
import { mappingsOf, snapshotAccessKey } from '../snapshot/snapshot-export.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import type { DeploymentModel } from './deployment.ts'
import type { ProposedChange } from './impact-change.ts'
import { ENCRYPTED_CONCURRENCY, readGroups, scopedModel, type ScopedReader } from './scoped-model.ts'

/**
 * Past this many users and groups in reach the scoped read makes more calls than the whole read
 * (which lists keys in bulk): a policy held by a big group, a bulk change of thousands of users.
 */
export const SCOPE_LIMIT = 2_000

/** The users, groups (with their members) and keys the change names; `joined`: groups read without their members. */
function seedsOf(change: ProposedChange, holders: (policy: string) => { users: string[]; groups: string[] }): { users: string[]; groups: string[]; joined?: string[]; keys: string[] } {
  switch (change.kind) {
    case 'attach':
    case 'detach':
      return { users: change.targets.flatMap((target) => ('user' in target ? [target.user] : [])), groups: change.targets.flatMap((target) => ('group' in target ? [target.group] : [])), keys: [] }
    case 'putPolicy':
    case 'deletePolicy':
      return { ...holders(change.name), keys: [] }
    case 'addMembers':
    case 'removeMembers':
      // The group's own record only (its policies for the users): its other members are not in reach.
      return { users: [...change.users], groups: [], joined: [change.group], keys: [] }
    case 'groupStatus':
    case 'deleteGroup':
      return { users: [], groups: [change.group], keys: [] }
    case 'userStatus':
    case 'deleteUsers':
      return { users: [...change.users], groups: [], keys: [] }
    case 'createUser':
      return { users: [change.name], groups: [], joined: [...change.groups], keys: [] }
    case 'createAccessKey':
      return { users: [change.parent], groups: [], keys: [] }
    case 'accessKeysStatus':
      return { users: [], groups: [], keys: [...change.accessKeys] }
    case 'accessKeyPolicy':
    case 'accessKeyStatus':
    case 'deleteAccessKey':
    case 'accessKeyExpiry':
      return { users: [], groups: [], keys: [change.accessKey] }
  }
}

/** The model `impactOf(model, change)` needs, read from the server; undefined when the reach is over SCOPE_LIMIT. */
export async function readScope(reader: ScopedReader, change: ProposedChange, source: { endpoint: string; connection: string }, buckets: readonly string[]): Promise<DeploymentModel | undefined> {
  const [policies, entities] = await Promise.all([reader.listPolicies(), reader.policyEntities()])
  const mapped = mappingsOf(entities)
  const holders = (policy: string) => {
    const mapping = entities.policyMappings.find((entry) => entry.policy === policy)
    return { users: [...(mapping?.users ?? [])], groups: [...(mapping?.groups ?? [])] }
  }
  const seeds = seedsOf(change, holders)
  if (seeds.users.length + seeds.groups.length + seeds.keys.length > SCOPE_LIMIT) return undefined
  const keyParents = await mapBounded(seeds.keys, ENCRYPTED_CONCURRENCY, async (key) => (await unlessMissing(reader.getAccessKey(key)))?.parentUser)
  const seedGroups = await readGroups(reader, seeds.groups)
  // A group's members are in reach (attach to it, its status, a policy it holds).
  const userNames = new Set([...seeds.users, ...keyParents.filter((parent) => parent !== undefined), ...seedGroups.flatMap(({ group }) => group.members)])
  if (userNames.size + seedGroups.length > SCOPE_LIMIT) return undefined
  const users = (await mapBounded([...userNames], ENCRYPTED_CONCURRENCY, (name) => unlessMissing(reader.getUser(name)))).filter((user) => user !== undefined)
  // Each user's other groups decide its access too.
  const known = new Set(seedGroups.map(({ name }) => name))
  const extra = await readGroups(reader, [...(seeds.joined ?? []), ...users.flatMap((user) => user.memberOf)].filter((name) => !known.has(name)))
  const keyInfos = (await mapBounded(users, ENCRYPTED_CONCURRENCY, (user) => reader.listAccessKeys(user.accessKey))).flat()
  const accessKeys = await mapBounded(keyInfos, ENCRYPTED_CONCURRENCY, (key) => snapshotAccessKey(reader, key))
  return scopedModel({ policies, mapped, users, groups: [...seedGroups, ...extra], accessKeys, buckets }, source)
}
