import { deniedBeforePolicies, type DenyAllCause } from '../policy/index.ts'
import type { IamReader } from './iam-session.ts'
import { readUserPrincipal, type UserGroupFacts, type UserPrincipal } from './user-principal.ts'
import type { UserDetail, UserView } from './views.types.ts'

/** The Users screen's views, composed from a session's reads. */

/** `users.list`: every builtin user with its direct policies and groups. */
export async function listUsers(reader: IamReader): Promise<UserView[]> {
  return (await reader.listUsers()).map(({ accessKey, status, policies, memberOf }) => ({ accessKey, status, policies, memberOf }))
}

function deniedAllReason(cause: DenyAllCause | undefined): string | undefined {
  switch (cause?.reason) {
    case undefined: return undefined
    case 'userDisabled': return 'The user is disabled: MinIO refuses every request it signs.'
    case 'disabledGroup': return `The user is in the disabled group '${cause.groups[0]}': MinIO denies it everything, its own policies included.`
    case 'noPolicies': return 'No policy is attached to the user or its groups: MinIO denies it everything.'
  }
}

/**
 * What reaches a user and whether it applies, as MinIO evaluates it (§4.6): the user's own
 * policies plus those of its groups, all applying unless a rule of policy/principal.ts denies the
 * user everything (disabled user, any disabled group, nothing attached). Pure; the Users detail
 * shows it as the effective-access summary.
 */
export function effectiveAccess(user: Pick<UserPrincipal['user'], 'status' | 'policies'>, groups: readonly UserGroupFacts[]): Pick<UserDetail, 'effective' | 'deniedAllReason'> {
  const reaching = [
    ...user.policies.map((policy) => ({ policy, via: 'user' })),
    ...groups.flatMap((group) => group.policies.map((policy) => ({ policy, via: group.name }))),
  ]
  const cause = deniedBeforePolicies({
    isUserEnabled: user.status === 'enabled',
    groups: groups.map((group) => ({ name: group.name, enabled: group.status === 'enabled' })),
    policyCount: reaching.length,
  })
  const reason = deniedAllReason(cause)
  return { effective: reaching.map((item) => ({ ...item, isActive: cause === undefined })), ...(reason ? { deniedAllReason: reason } : {}) }
}

/** `users.get`: the user, its groups with the policies each brings, and its effective access. NOT_FOUND for an unknown user. */
export async function userDetail(reader: IamReader, accessKey: string): Promise<UserDetail> {
  const { user, groups } = await readUserPrincipal(reader, accessKey)
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
