import type { AppServices } from '../services/app-services.ts'
import { changeGroup, getGroup, listGroups, removeGroup } from '../services/groups.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { groupsContract } from './groups.contract.ts'

/** Groups channels: one call each on the connection's IAM session (changes audited there). */
export function groupsHandlers(services: AppServices): DomainHandlers<typeof groupsContract> {
  return {
    'groups.list': ({ connectionId }) => services.withIam(connectionId, listGroups),
    'groups.get': ({ connectionId, name }) => services.withIam(connectionId, (iam) => getGroup(iam, name)),
    'groups.create': ({ connectionId, name, members }) =>
      services.withIam(connectionId, (iam) => changeGroup(iam, name, () => iam.createGroup(name, members))),
    'groups.addMembers': ({ connectionId, name, members }) =>
      services.withIam(connectionId, (iam) => changeGroup(iam, name, () => iam.addGroupMembers(name, members))),
    'groups.removeMembers': ({ connectionId, name, members }) =>
      services.withIam(connectionId, (iam) => changeGroup(iam, name, () => iam.removeGroupMembers(name, members))),
    'groups.setStatus': ({ connectionId, name, status }) =>
      services.withIam(connectionId, (iam) => changeGroup(iam, name, () => iam.setGroupStatus(name, status))),
    'groups.remove': async ({ connectionId, name, removeMembersFirst }) => ({
      removed: true as const,
      membersRemoved: await services.withIam(connectionId, (iam) => removeGroup(iam, name, removeMembersFirst)),
    }),
  }
}
