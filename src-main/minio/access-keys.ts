import { AppFailure } from '../api/result.ts'
import { callEncrypted, callNoContent, listOf, timeOrUndefined } from './calls.ts'
import type { AdminTransport } from './transport.ts'
import type {
  AccessKeyDetails,
  AccessKeyInfo,
  AccessKeyList,
  AccessKeyUpdate,
  CreatedAccessKey,
  NewAccessKey,
  PolicyDocument,
} from './types.ts'

interface RawAccount {
  accessKey?: string
  parentUser?: string
  accountStatus?: string
  impliedPolicy?: boolean
  policy?: string
  name?: string
  description?: string
  expiration?: string | null
}

function toAccessKeyInfo(accessKey: string, raw: RawAccount): AccessKeyInfo {
  const expiresAt = timeOrUndefined(raw.expiration)
  return {
    accessKey,
    parentUser: raw.parentUser ?? '',
    // MinIO: service accounts report on/off, users enabled/disabled.
    status: raw.accountStatus === 'off' || raw.accountStatus === 'disabled' ? 'disabled' : 'enabled',
    impliedPolicy: raw.impliedPolicy ?? true,
    ...(raw.name ? { name: raw.name } : {}),
    ...(raw.description ? { description: raw.description } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  }
}

// MinIO validates these only with a generic "spaces" message; say what is actually wrong.
function validateLabels(
  operation: string,
  input: { name?: string; description?: string; expiresAt?: string },
): void {
  if (
    input.name !== undefined &&
    input.name !== '' &&
    (Buffer.byteLength(input.name) > 32 || !/^[A-Za-z]/.test(input.name))
  ) {
    throw new AppFailure(
      'INVALID_INPUT',
      `Could not ${operation}: an access key name must start with a letter and be at most 32 bytes.`,
    )
  }
  if (input.description !== undefined && Buffer.byteLength(input.description) > 256) {
    throw new AppFailure('INVALID_INPUT', `Could not ${operation}: the description is longer than 256 bytes.`)
  }
  if (input.expiresAt !== undefined && !(Date.parse(input.expiresAt) > Date.now())) {
    throw new AppFailure(
      'INVALID_INPUT',
      `Could not ${operation}: the expiry '${input.expiresAt}' is not a time in the future.`,
    )
  }
}

/**
 * PUT add-service-account: creates an access key for the caller or `targetUser` (an existing,
 * enabled user, or root). Returns the secret once. Never retried: a generated key is not idempotent.
 */
export async function createAccessKey(
  transport: AdminTransport,
  input: NewAccessKey,
): Promise<CreatedAccessKey> {
  const operation = `create an access key for ${input.targetUser ? `user '${input.targetUser}'` : 'this account'}`
  validateLabels(operation, input)
  const body = {
    ...(input.policy ? { policy: input.policy } : {}),
    ...(input.targetUser ? { targetUser: input.targetUser } : {}),
    ...(input.accessKey ? { accessKey: input.accessKey } : {}),
    ...(input.secretKey ? { secretKey: input.secretKey } : {}),
    ...(input.name ? { name: input.name } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.expiresAt ? { expiration: new Date(input.expiresAt).toISOString() } : {}),
  }
  const raw = await callEncrypted<{
    credentials?: { accessKey?: string; secretKey?: string; expiration?: string }
  }>(
    transport,
    { method: 'PUT', path: '/add-service-account', operation, action: 'admin:CreateServiceAccount' },
    { body, encryptedReply: true },
  )
  const expiresAt = timeOrUndefined(raw.credentials?.expiration)
  return {
    accessKey: raw.credentials?.accessKey ?? '',
    secretKey: raw.credentials?.secretKey ?? '',
    ...(expiresAt ? { expiresAt } : {}),
  }
}

/** GET info-service-account: works for disabled keys; NOT_FOUND for unknown ones. */
export async function getAccessKey(transport: AdminTransport, accessKey: string): Promise<AccessKeyDetails> {
  const raw = await callEncrypted<RawAccount>(
    transport,
    {
      method: 'GET',
      path: '/info-service-account',
      query: { accessKey },
      operation: `read access key '${accessKey}'`,
      action: 'admin:ListServiceAccounts',
    },
    { encryptedReply: true },
  )
  const policy = parsePolicyText(raw.policy)
  return { ...toAccessKeyInfo(accessKey, raw), ...(policy ? { policy } : {}) }
}

function parsePolicyText(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text) as PolicyDocument | null
    return parsed && typeof parsed === 'object' ? parsed : undefined
  } catch {
    return undefined
  }
}

/**
 * POST update-service-account. MinIO drops the session policy when `newPolicy` is absent (§4.8),
 * so unless `update.policy` says otherwise the current session policy is read and re-sent.
 */
export async function updateAccessKey(
  transport: AdminTransport,
  accessKey: string,
  update: AccessKeyUpdate,
): Promise<void> {
  const operation = `update access key '${accessKey}'`
  validateLabels(operation, update)
  let policy = update.policy
  if (policy === undefined) {
    const current = await getAccessKey(transport, accessKey)
    policy = current.impliedPolicy ? null : (current.policy ?? null)
  }
  const body = {
    ...(policy ? { newPolicy: policy } : {}),
    ...(update.secretKey ? { newSecretKey: update.secretKey } : {}),
    ...(update.status ? { newStatus: update.status === 'enabled' ? 'on' : 'off' } : {}),
    ...(update.name ? { newName: update.name } : {}),
    ...(update.description ? { newDescription: update.description } : {}),
    ...(update.expiresAt ? { newExpiration: new Date(update.expiresAt).toISOString() } : {}),
  }
  await callEncrypted<void>(
    transport,
    {
      method: 'POST',
      path: '/update-service-account',
      query: { accessKey },
      operation,
      action: 'admin:UpdateServiceAccount',
    },
    { body, encryptedReply: false },
  )
}

/** GET list-service-accounts: the access keys of `user` (default: the caller), sorted. */
export async function listAccessKeys(transport: AdminTransport, user?: string): Promise<AccessKeyInfo[]> {
  const raw = await callEncrypted<{ accounts?: RawAccount[] | null } | null>(
    transport,
    {
      method: 'GET',
      path: '/list-service-accounts',
      query: { user },
      operation: `list the access keys of ${user ? `user '${user}'` : 'this account'}`,
      action: 'admin:ListServiceAccounts',
    },
    { encryptedReply: true },
  )
  return listOf(raw?.accounts)
    .map((account) => toAccessKeyInfo(account.accessKey ?? '', account))
    .sort((left, right) => (left.accessKey < right.accessKey ? -1 : 1))
}

const LIST_EVERY_USER_TIMEOUT_MS = 300_000

/**
 * GET list-access-keys-bulk: access keys of many users at once (`'all'` = every user plus root).
 * MinIO silently skips unknown and disabled users and fills only key and expiry.
 */
export async function listAccessKeysBulk(
  transport: AdminTransport,
  users: readonly string[] | 'all',
  type: 'all' | 'svcacc-only' | 'sts-only' = 'all',
): Promise<Record<string, AccessKeyList>> {
  const query = users === 'all' ? { listType: type, all: 'true' } : { listType: type, users }
  const raw = await callEncrypted<Record<
    string,
    { serviceAccounts?: RawAccount[] | null; stsKeys?: RawAccount[] | null }
  > | null>(
    transport,
    {
      method: 'GET',
      path: '/list-access-keys-bulk',
      query,
      operation: users === 'all' ? "list every user's access keys" : `list the access keys of ${users.length} users`,
      action: 'admin:ListServiceAccounts',
      // MinIO walks every user for this answer: its time grows with the deployment (about 20 s
      // for 10,000 users here), so it gets a deadline that fits, not the connection's 20 s.
      ...(users === 'all' ? { timeoutMs: LIST_EVERY_USER_TIMEOUT_MS } : {}),
    },
    { encryptedReply: true },
  )
  const summary = (account: RawAccount) => {
    const expiresAt = timeOrUndefined(account.expiration)
    return { accessKey: account.accessKey ?? '', ...(expiresAt ? { expiresAt } : {}) }
  }
  const result: Record<string, AccessKeyList> = {}
  for (const [user, lists] of Object.entries(raw ?? {})) {
    result[user] = {
      serviceAccounts: listOf(lists.serviceAccounts).map(summary),
      stsKeys: listOf(lists.stsKeys).map(summary),
    }
  }
  return result
}

/** DELETE delete-service-account. NOT_FOUND for unknown keys (and for others' keys without permission). */
export function deleteAccessKey(transport: AdminTransport, accessKey: string): Promise<void> {
  return callNoContent(transport, {
    method: 'DELETE',
    path: '/delete-service-account',
    query: { accessKey },
    operation: `delete access key '${accessKey}'`,
    action: 'admin:RemoveServiceAccount',
  })
}
