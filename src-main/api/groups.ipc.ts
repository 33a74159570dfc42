import type { GroupInfo } from '../minio/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { AppFailure } from './result.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { GroupView, groupsContract } from './groups.contract.ts'
import { mapLimited, withAdmin, withAudited, type IamMutations } from './iam-kit.ts'

function view(group: GroupInfo): GroupView {
  return { name: group.name, status: group.status, members: group.members, policies: group.policies, ...(group.updatedAt ? { updatedAt: group.updatedAt } : {}) }
}

function readGroup(services: AppServices, connectionId: string, name: string): Promise<GroupView> {
  return withAdmin(services, connectionId, async (client) => view(await client.getGroup(name)))
}

async function listGroups(services: AppServices, connectionId: string): Promise<GroupView[]> {
  return withAdmin(services, connectionId, async (client) => {
    const names = await client.listGroups()
    // list-groups gives names only; group info is a plain (cheap) call, so fetch a few at a time.
    return mapLimited(names, 6, async (name) => {
      try {
        return view(await client.getGroup(name))
      } catch (error) {
        // MinIO lists names that only have a policy mapping left; show them rather than fail the list.
        if (error instanceof AppFailure && error.code === 'NOT_FOUND') return { name, status: 'enabled' as const, members: [], policies: [] }
        throw error
      }
    })
  })
}

/**
 * Deletes a group. MinIO refuses a non-empty group (§4.2); with `removeMembersFirst` the members
 * are removed first (one audited change), then the group.
 */
async function removeGroup(services: AppServices, connectionId: string, name: string, removeMembersFirst: boolean): Promise<string[]> {
  const members = removeMembersFirst ? (await readGroup(services, connectionId, name)).members : []
  await withAudited(services, connectionId, async (iam) => {
    if (members.length > 0) await iam.removeGroupMembers(name, members)
    await iam.deleteGroup(name)
  })
  return members
}

/** Groups channels: reads through the admin client, changes through the audited IAM layer. */
export function groupsHandlers(services: AppServices): DomainHandlers<typeof groupsContract> {
  // One audited change, then the group as MinIO now reports it.
  const change = async (connectionId: string, name: string, body: (iam: IamMutations) => Promise<void>): Promise<GroupView> => {
    await withAudited(services, connectionId, body)
    return readGroup(services, connectionId, name)
  }
  return {
    'groups.list': ({ connectionId }) => listGroups(services, connectionId),
    'groups.get': ({ connectionId, name }) => readGroup(services, connectionId, name),
    'groups.create': ({ connectionId, name, members }) => change(connectionId, name, (iam) => iam.createGroup(name, members)),
    'groups.addMembers': ({ connectionId, name, members }) => change(connectionId, name, (iam) => iam.addGroupMembers(name, members)),
    'groups.removeMembers': ({ connectionId, name, members }) => change(connectionId, name, (iam) => iam.removeGroupMembers(name, members)),
    'groups.setStatus': ({ connectionId, name, status }) => change(connectionId, name, (iam) => iam.setGroupStatus(name, status)),
    'groups.remove': async ({ connectionId, name, removeMembersFirst }) => ({
      removed: true as const,
      membersRemoved: await removeGroup(services, connectionId, name, removeMembersFirst),
    }),
  }
}
