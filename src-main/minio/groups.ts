import { AppFailure } from '../api/result.ts'
import { exists } from '../shared/unless-missing.ts'
import { callJson, callNoContent, listOf, splitPolicyNames, timeOrUndefined } from './calls.ts'
import type { AdminTransport } from './transport.ts'
import type { EntityStatus, GroupInfo } from './types.ts'

interface RawGroup {
  name?: string
  status?: string
  members?: string[] | null
  policy?: string
  updatedAt?: string
}

/** GET groups (plain): group names, sorted. Includes names that only have a policy mapping. */
export async function listGroups(transport: AdminTransport): Promise<string[]> {
  const names = await callJson<string[] | null>(transport, {
    method: 'GET',
    path: '/groups',
    operation: 'list groups',
    action: 'admin:ListGroups',
  })
  return listOf(names).sort()
}

/** GET group (plain). Throws NOT_FOUND for an unknown group. */
export async function getGroup(transport: AdminTransport, name: string): Promise<GroupInfo> {
  const raw = await callJson<RawGroup>(transport, {
    method: 'GET',
    path: '/group',
    query: { group: name },
    operation: `read group '${name}'`,
    action: 'admin:GetGroup',
  })
  const updatedAt = timeOrUndefined(raw.updatedAt)
  return {
    name: raw.name ?? name,
    status: raw.status === 'disabled' ? 'disabled' : 'enabled',
    members: listOf(raw.members).sort(),
    policies: splitPolicyNames(raw.policy),
    ...(updatedAt ? { updatedAt } : {}),
  }
}

function groupExists(transport: AdminTransport, name: string): Promise<boolean> {
  return exists(getGroup(transport, name))
}

function updateMembers(
  transport: AdminTransport,
  name: string,
  members: readonly string[],
  isRemove: boolean,
  operation: string,
): Promise<void> {
  // MinIO: plain JSON body; every member must be an existing builtin user or nothing changes.
  return callNoContent(transport, {
    method: 'PUT',
    path: '/update-group-members',
    operation,
    action: 'admin:AddUserToGroup',
    body: Buffer.from(JSON.stringify({ group: name, members, isRemove })),
    contentType: 'application/json',
  })
}

/** Creates a group, optionally with members. CONFLICT when it exists; NOT_FOUND when a member is not a user. */
export async function createGroup(
  transport: AdminTransport,
  name: string,
  members: readonly string[] = [],
): Promise<void> {
  if (await groupExists(transport, name)) {
    throw new AppFailure(
      'CONFLICT',
      `Group '${name}' already exists on MinIO at ${transport.endpoint}. Add members to it instead, or choose another name.`,
    )
  }
  await updateMembers(transport, name, members, false, `create group '${name}'`)
}

/** Adds users to an existing group (MinIO would create a missing group, so absence is NOT_FOUND here). */
export async function addGroupMembers(
  transport: AdminTransport,
  name: string,
  members: readonly string[],
): Promise<void> {
  if (members.length === 0) return
  if (!(await groupExists(transport, name))) {
    throw new AppFailure(
      'NOT_FOUND',
      `Group '${name}' does not exist on MinIO at ${transport.endpoint}. Create it first.`,
    )
  }
  await updateMembers(transport, name, members, false, `add ${describeUsers(members)} to group '${name}'`)
}

/** Removes users from a group. An empty list is a no-op here (on the wire it would delete the group). */
export async function removeGroupMembers(
  transport: AdminTransport,
  name: string,
  members: readonly string[],
): Promise<void> {
  if (members.length === 0) return
  await updateMembers(transport, name, members, true, `remove ${describeUsers(members)} from group '${name}'`)
}

/**
 * Deletes an empty group (and its policy mapping). A group with members is refused with CONFLICT
 * naming them, as MinIO refuses it; remove the members first.
 */
export async function deleteGroup(transport: AdminTransport, name: string): Promise<void> {
  try {
    await updateMembers(transport, name, [], true, `delete group '${name}'`)
  } catch (error) {
    if (!(error instanceof AppFailure) || error.code !== 'CONFLICT') throw error
    const { members } = await getGroup(transport, name)
    throw new AppFailure(
      'CONFLICT',
      `Group '${name}' still has ${members.length} member${members.length === 1 ? '' : 's'} (${members.slice(0, 10).join(', ')}${members.length > 10 ? ', …' : ''}). Remove them from the group first, then delete it.`,
      { ...error.details, members },
    )
  }
}

/** PUT set-group-status. Disabling a group denies everything to all of its members (§4.2). */
export function setGroupStatus(transport: AdminTransport, name: string, status: EntityStatus): Promise<void> {
  const verb = status === 'enabled' ? 'enable' : 'disable'
  return callNoContent(transport, {
    method: 'PUT',
    path: '/set-group-status',
    query: { group: name, status },
    operation: `${verb} group '${name}'`,
    action: 'admin:EnableGroup',
  })
}

function describeUsers(members: readonly string[]): string {
  return members.length === 1 ? `user '${members[0]}'` : `${members.length} users`
}
