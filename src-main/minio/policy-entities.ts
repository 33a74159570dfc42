import { callEncrypted, listOf } from './calls.ts'
import type { AdminTransport } from './transport.ts'
import type { PolicyEntities } from './types.ts'

interface RawEntities {
  timestamp?: string
  userMappings?:
    | {
        user: string
        policies?: string[] | null
        memberOfMappings?: { group: string; policies?: string[] | null }[] | null
      }[]
    | null
  groupMappings?: { group: string; policies?: string[] | null }[] | null
  policyMappings?: { policy: string; users?: string[] | null; groups?: string[] | null }[] | null
}

/**
 * GET idp/builtin/policy-entities (encrypted reply). With no filter MinIO returns only the
 * policy→entities view of attached policies; with filters, the sections for the given names.
 */
export async function fetchPolicyEntities(
  transport: AdminTransport,
  filter: { users?: readonly string[]; groups?: readonly string[]; policies?: readonly string[] } = {},
): Promise<PolicyEntities> {
  // MinIO keeps repeated query values in wire order; buildQuery sends them sorted so signatures agree.
  const raw = await callEncrypted<RawEntities | null>(
    transport,
    {
      method: 'GET',
      path: '/idp/builtin/policy-entities',
      query: { user: filter.users, group: filter.groups, policy: filter.policies },
      operation: 'read policy attachments',
      action: 'admin:ListUserPolicies',
    },
    { encryptedReply: true },
  )
  return {
    ...(raw?.timestamp ? { timestamp: raw.timestamp } : {}),
    userMappings: listOf(raw?.userMappings).map((item) => ({
      user: item.user,
      policies: listOf(item.policies),
      memberOf: listOf(item.memberOfMappings).map((group) => ({
        group: group.group,
        policies: listOf(group.policies),
      })),
    })),
    groupMappings: listOf(raw?.groupMappings).map((item) => ({
      group: item.group,
      policies: listOf(item.policies),
    })),
    policyMappings: listOf(raw?.policyMappings).map((item) => ({
      policy: item.policy,
      users: listOf(item.users),
      groups: listOf(item.groups),
    })),
  }
}
