import { unlessMissing } from '../shared/unless-missing.ts'
import type { GroupInfo } from '../minio/index.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import type { IamReader, IamSession } from './iam-session.ts'
import type { GroupView } from './views.types.ts'

/** The Groups screen's views and changes, composed on one IAM session. */

/** list-groups gives names only; group info is a plain (cheap) call, so a few are read at once. */
const GROUP_READS = 6

function view(group: GroupInfo): GroupView {
  return { name: group.name, status: group.status, members: group.members, policies: group.policies, ...(group.updatedAt ? { updatedAt: group.updatedAt } : {}) }
}

/** `groups.get`: the group as MinIO reports it. NOT_FOUND for an unknown group. */
export async function getGroup(reader: IamReader, name: string): Promise<GroupView> {
  return view(await reader.getGroup(name))
}

/** `groups.list`: every group with status, members and policies. */
export async function listGroups(reader: IamReader): Promise<GroupView[]> {
  const names = await reader.listGroups()
  return mapBounded(names, GROUP_READS, async (name) => {
    const group = await unlessMissing(reader.getGroup(name))
    // MinIO lists names that only have a policy mapping left; show them rather than fail the list.
    return group ? view(group) : { name, status: 'enabled' as const, members: [], policies: [] }
  })
}

/** One audited change (`change` calls a method of the same session), then the group as MinIO now reports it. */
export async function changeGroup(iam: IamReader, name: string, change: () => Promise<void>): Promise<GroupView> {
  await change()
  return getGroup(iam, name)
}

/**
 * Deletes a group and returns the members it removed. MinIO refuses a non-empty group (§4.2); with
 * `removeMembersFirst` the members are removed first (one audited change), then the group.
 */
export async function removeGroup(iam: IamSession, name: string, removeMembersFirst: boolean): Promise<string[]> {
  const members = removeMembersFirst ? (await iam.getGroup(name)).members : []
  if (members.length > 0) await iam.removeGroupMembers(name, members)
  await iam.deleteGroup(name)
  return members
}
