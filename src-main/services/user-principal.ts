import type { EntityStatus, UserInfo } from '../minio/index.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import type { IamReader } from './iam-session.ts'

/** A group of the user as MinIO applies it: its status and the policies it brings. */
export interface UserGroupFacts {
  name: string
  status: EntityStatus
  policies: string[]
}

/** A user as the server holds it, with each of its groups' status and policies. */
export interface UserPrincipal {
  user: UserInfo
  groups: UserGroupFacts[]
}

/** Group infos read at once: plain calls, but a user may be in many groups. */
const GROUP_READS = 4

/**
 * The one reader of a user's principal from the server (users.get and tester.loadPrincipal): the
 * user, then its groups. Group policies come from the policy-entities mapping, because MinIO
 * reports no policy in the info of a disabled group (admin API §4.2) although the mapping still
 * exists; policy entities is an encrypted call (Argon2), so it is skipped for a user in no group.
 * AppFailure of the first read that fails (NOT_FOUND for an unknown user).
 */
export async function readUserPrincipal(reader: IamReader, accessKey: string): Promise<UserPrincipal> {
  const user = await reader.getUser(accessKey)
  if (user.memberOf.length === 0) return { user, groups: [] }
  const entities = await reader.policyEntities({ users: [user.accessKey], groups: user.memberOf })
  const mapped = new Map<string, string[]>()
  for (const mapping of entities.userMappings.flatMap((item) => item.memberOf)) mapped.set(mapping.group, mapping.policies)
  for (const mapping of entities.groupMappings) mapped.set(mapping.group, mapping.policies)
  const groups = await mapBounded(user.memberOf, GROUP_READS, async (name) => {
    const group = await reader.getGroup(name)
    return { name, status: group.status, policies: mapped.get(name) ?? group.policies }
  })
  return { user, groups }
}
