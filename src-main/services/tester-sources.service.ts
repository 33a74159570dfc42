import type { TesterIamState } from '../api/tester.contract.ts'
import type { AdminClient } from '../minio/index.ts'
import { AppFailure } from '../shared/result.ts'

/**
 * Where the tester's workspace comes from besides pasting: a live user on a connection (read-only
 * admin calls) or an IAM snapshot file. Both produce the same IamState, which the renderer turns
 * into documents and a principal.
 */

type IamState = TesterIamState

/** `tester.listUsers`: the builtin users of a connection. */
export async function listLiveUsers(client: AdminClient): Promise<Array<{ name: string; enabled: boolean }>> {
  const users = await client.listUsers()
  return users.map((user) => ({ name: user.accessKey, enabled: user.status === 'enabled' }))
}

/**
 * `tester.loadPrincipal`: one user, its groups (with status) and every policy they attach. Group
 * policies come from the policy-entities mapping, because MinIO reports no policy in the info of a
 * disabled group (admin API §4.2) although the mapping still exists.
 */
export async function loadLivePrincipal(client: AdminClient, userName: string, source: string): Promise<IamState> {
  const user = await client.getUser(userName)
  const entities = await client.policyEntities({ users: [userName], ...(user.memberOf.length > 0 ? { groups: user.memberOf } : {}) })
  const mappedGroups = new Map<string, string[]>()
  for (const mapping of entities.userMappings.flatMap((item) => item.memberOf)) mappedGroups.set(mapping.group, mapping.policies)
  for (const mapping of entities.groupMappings) mappedGroups.set(mapping.group, mapping.policies)
  const groups = await Promise.all(
    user.memberOf.map(async (name) => {
      const info = await client.getGroup(name)
      return { name, enabled: info.status === 'enabled', policies: mappedGroups.get(name) ?? info.policies }
    }),
  )
  const names = [...new Set([...user.policies, ...groups.flatMap((group) => group.policies)])]
  const policies = await Promise.all(names.map(async (name) => ({ name, text: prettyJson((await client.getPolicy(name)).document) })))
  return {
    source,
    users: [{ name: user.accessKey, enabled: user.status === 'enabled', policies: user.policies, groups: user.memberOf }],
    groups,
    policies,
  }
}

/**
 * `tester.loadSnapshot`: reads an IAM snapshot's users, groups, memberships, attachments and policy
 * documents. Tolerant of shape (arrays of records or maps keyed by name; `status` or `enabled`;
 * memberships on users or as group members). Throws INVALID_INPUT with the reason otherwise.
 */
export function iamStateFromSnapshot(text: string, fileName: string): IamState {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new AppFailure('INVALID_INPUT', `${fileName} is not JSON (${(error as Error).message}).`)
  }
  const root = record(raw) ? (record(raw.iam) ? raw.iam : raw) : null
  if (!root || (!('policies' in root) && !('users' in root))) {
    throw new AppFailure('INVALID_INPUT', `${fileName} does not look like a Gatehouse IAM snapshot: it has no "users" or "policies".`)
  }
  const policies = entries(root.policies).map(([name, value]) => ({ name, text: prettyJson(record(value) && 'document' in value ? value.document : record(value) && 'policy' in value ? value.policy : value) }))
  const groups = entries(root.groups).map(([name, value]) => ({ name, enabled: isEnabled(value), policies: strings(field(value, 'policies')), members: strings(field(value, 'members')) }))
  const users = entries(root.users).map(([name, value]) => {
    const memberOf = new Set([...strings(field(value, 'memberOf')), ...strings(field(value, 'groups'))])
    for (const group of groups) if (group.members.includes(name)) memberOf.add(group.name)
    return { name, enabled: isEnabled(value), policies: strings(field(value, 'policies')), groups: [...memberOf].sort() }
  })
  return { source: fileName, users, groups: groups.map(({ members: _members, ...group }) => group), policies }
}

function record(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** `[{name, ...}]` or `{name: {...}}` → [name, value] pairs. */
function entries(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    return value.flatMap((item): Array<[string, unknown]> => {
      const name = record(item) ? (item.name ?? item.accessKey ?? item.user ?? item.group) : item
      return typeof name === 'string' ? [[name, item]] : []
    })
  }
  return record(value) ? Object.entries(value) : []
}

function field(value: unknown, name: string): unknown {
  return record(value) ? value[name] : undefined
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean)
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function isEnabled(value: unknown): boolean {
  if (!record(value)) return true
  if (typeof value.enabled === 'boolean') return value.enabled
  return value.status !== 'disabled'
}

function prettyJson(document: unknown): string {
  return typeof document === 'string' ? document : JSON.stringify(document, null, 2)
}
