import type { GroupInfo, UserInfo } from '../minio/index.ts'
import type { AppServices } from '../services/app-services.ts'
import type { DomainHandlers } from './dispatch.ts'
import { mapLimited, withAdmin, withAudited, type AdminReader } from './iam-kit.ts'
import type { UserDetail, usersContract } from './users.contract.ts'

type GroupFacts = Pick<GroupInfo, 'name' | 'status' | 'policies'>

/**
 * What reaches a user and whether it applies, as MinIO evaluates it (§4.6): the user's own
 * policies plus those of its groups; a disabled user, or membership of any disabled group, denies
 * everything. Pure; the Users detail shows it as the effective-access summary.
 */
export function effectiveAccess(user: Pick<UserInfo, 'status' | 'policies'>, groups: readonly GroupFacts[]): Pick<UserDetail, 'effective' | 'deniedAllReason'> {
  const disabledGroup = groups.find((group) => group.status === 'disabled')
  const userActive = user.status === 'enabled' && !disabledGroup
  const effective = [
    ...user.policies.map((policy) => ({ policy, via: 'user', isActive: userActive })),
    ...groups.flatMap((group) => group.policies.map((policy) => ({ policy, via: group.name, isActive: userActive && group.status === 'enabled' }))),
  ]
  let deniedAllReason: string | undefined
  if (user.status === 'disabled') deniedAllReason = 'The user is disabled: MinIO refuses every request it signs.'
  else if (disabledGroup) deniedAllReason = `The user is in the disabled group '${disabledGroup.name}': MinIO denies it everything, its own policies included.`
  else if (effective.length === 0) deniedAllReason = 'No policy is attached to the user or its groups: MinIO denies it everything.'
  return { effective, ...(deniedAllReason ? { deniedAllReason } : {}) }
}

async function groupFacts(client: AdminReader, user: UserInfo): Promise<GroupFacts[]> {
  if (user.memberOf.length === 0) return []
  // MinIO: group info shows no policies for a disabled group (§4.2); the mapping still says which.
  const entities = await client.policyEntities({ users: [user.accessKey] })
  const mapped = new Map(entities.userMappings.flatMap((item) => item.memberOf).map((item) => [item.group, item.policies]))
  return mapLimited(user.memberOf, 4, async (name) => {
    const group = await client.getGroup(name)
    return { name, status: group.status, policies: mapped.get(name) ?? group.policies }
  })
}

async function userDetail(client: AdminReader, accessKey: string): Promise<UserDetail> {
  const user = await client.getUser(accessKey)
  const groups = await groupFacts(client, user)
  return {
    accessKey: user.accessKey,
    status: user.status,
    policies: user.policies,
    memberOf: user.memberOf,
    ...(user.policyUpdatedAt ? { policyUpdatedAt: user.policyUpdatedAt } : {}),
    groups,
    ...effectiveAccess(user, groups),
  }
}

/** Users channels: reads through the admin client, changes through the audited IAM layer. */
export function usersHandlers(services: AppServices): DomainHandlers<typeof usersContract> {
  return {
    'users.list': ({ connectionId }) =>
      withAdmin(services, connectionId, async (client) =>
        (await client.listUsers()).map(({ accessKey, status, policies, memberOf }) => ({ accessKey, status, policies, memberOf }))),
    'users.get': ({ connectionId, accessKey }) => withAdmin(services, connectionId, (client) => userDetail(client, accessKey)),
    'users.create': async ({ connectionId, accessKey, secretKey }) => {
      await withAudited(services, connectionId, (iam) => iam.createUser({ accessKey, secretKey, status: 'enabled' }))
      return { accessKey }
    },
    'users.setStatus': async ({ connectionId, accessKey, status }) => {
      await withAudited(services, connectionId, (iam) => iam.setUserStatus(accessKey, status))
      return { status }
    },
    'users.changeSecret': async ({ connectionId, accessKey, secretKey }) => {
      await withAudited(services, connectionId, (iam) => iam.setUserSecret(accessKey, secretKey))
      return { changed: true as const }
    },
    'users.remove': async ({ connectionId, accessKey }) => {
      await withAudited(services, connectionId, (iam) => iam.removeUser(accessKey))
      return { removed: true as const }
    },
  }
}
