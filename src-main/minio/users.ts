import { AppFailure } from '../api/result.ts'
import { exists } from '../shared/unless-missing.ts'
import { callEncrypted, callJson, callNoContent, listOf, splitPolicyNames, timeOrUndefined } from './calls.ts'
import type { AdminTransport } from './transport.ts'
import type { EntityStatus, UserInfo } from './types.ts'

interface RawUserInfo {
  policyName?: string
  status?: string
  memberOf?: string[] | null
  updatedAt?: string
}

function toUserInfo(accessKey: string, raw: RawUserInfo): UserInfo {
  const updatedAt = timeOrUndefined(raw.updatedAt)
  return {
    accessKey,
    status: raw.status === 'disabled' ? 'disabled' : 'enabled',
    policies: splitPolicyNames(raw.policyName),
    memberOf: listOf(raw.memberOf).sort(),
    ...(updatedAt ? { policyUpdatedAt: updatedAt } : {}),
  }
}

/** GET list-users (encrypted reply): builtin users sorted by access key; root is not a user. */
export async function listUsers(transport: AdminTransport): Promise<UserInfo[]> {
  const raw = await callEncrypted<Record<string, RawUserInfo> | null>(
    transport,
    { method: 'GET', path: '/list-users', operation: 'list users', action: 'admin:ListUsers' },
    { encryptedReply: true },
  )
  return Object.entries(raw ?? {})
    .map(([accessKey, info]) => toUserInfo(accessKey, info))
    .sort((left, right) => (left.accessKey < right.accessKey ? -1 : left.accessKey > right.accessKey ? 1 : 0))
}

/** GET user-info (plain). Throws NOT_FOUND for unknown users and for root. */
export async function getUser(transport: AdminTransport, accessKey: string): Promise<UserInfo> {
  const raw = await callJson<RawUserInfo>(transport, {
    method: 'GET',
    path: '/user-info',
    query: { accessKey },
    operation: `read user '${accessKey}'`,
    action: 'admin:GetUser',
  })
  return toUserInfo(accessKey, raw)
}

/** True when the user exists (a NOT_FOUND from user-info); other failures propagate. */
export function userExists(transport: AdminTransport, accessKey: string): Promise<boolean> {
  return exists(getUser(transport, accessKey))
}

// MinIO: add-user overwrites the record and stores the user disabled unless status says enabled (§4.8).
function putUser(
  transport: AdminTransport,
  accessKey: string,
  secretKey: string,
  status: EntityStatus,
  operation: string,
): Promise<void> {
  return callEncrypted<void>(
    transport,
    { method: 'PUT', path: '/add-user', query: { accessKey }, operation, action: 'admin:CreateUser' },
    { body: { secretKey, status }, encryptedReply: false },
  )
}

/**
 * Creates a user (add-user). Refuses with CONFLICT when the access key is already a user, because
 * add-user would silently replace its secret and status.
 */
export async function createUser(
  transport: AdminTransport,
  user: { accessKey: string; secretKey: string; status?: EntityStatus },
): Promise<void> {
  if (await userExists(transport, user.accessKey)) {
    throw new AppFailure(
      'CONFLICT',
      `User '${user.accessKey}' already exists on MinIO at ${transport.endpoint}. Choose another access key, or change that user's secret instead.`,
    )
  }
  await putUser(
    transport,
    user.accessKey,
    user.secretKey,
    user.status ?? 'enabled',
    `create user '${user.accessKey}'`,
  )
}

/** Changes a user's secret key and keeps its current status (re-sent, since add-user overwrites it). */
export async function setUserSecret(
  transport: AdminTransport,
  accessKey: string,
  secretKey: string,
): Promise<void> {
  const current = await getUser(transport, accessKey)
  await putUser(
    transport,
    accessKey,
    secretKey,
    current.status,
    `change the secret key of user '${accessKey}'`,
  )
}

/** PUT set-user-status. MinIO refuses to change your own status (INVALID_INPUT) and unknown users (NOT_FOUND). */
export function setUserStatus(
  transport: AdminTransport,
  accessKey: string,
  status: EntityStatus,
): Promise<void> {
  const verb = status === 'enabled' ? 'enable' : 'disable'
  return callNoContent(transport, {
    method: 'PUT',
    path: '/set-user-status',
    query: { accessKey, status },
    operation: `${verb} user '${accessKey}'`,
    action: 'admin:EnableUser',
  })
}

/** DELETE remove-user. Also removes the user's memberships, access keys and policy mapping (MinIO does). */
export function removeUser(transport: AdminTransport, accessKey: string): Promise<void> {
  return callNoContent(transport, {
    method: 'DELETE',
    path: '/remove-user',
    query: { accessKey },
    operation: `remove user '${accessKey}'`,
    action: 'admin:DeleteUser',
  })
}
