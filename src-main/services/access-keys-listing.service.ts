import { reportView } from './users-bulk.service.ts'
import { setAccessKeyStatuses } from '../bulk/bulk-operations.ts'
import type { AccessKeyInfo, EntityStatus } from '../minio/index.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import type { IamReader, IamSession } from './iam-session.ts'
import type { AccessKeyFacts, AccessKeyRow, UserBulkReport } from './views.types.ts'

/**
 * The Access keys screen's every-user listing, the facts its filters need, and its bulk status change.
 * MinIO's list-access-keys-bulk answers only each key and its expiry, and skips disabled users
 * (cmd/admin-handlers-users.go: GetUser is false for a disabled user), so the owners' statuses come
 * from the user list, and a disabled owner's keys are listed one owner at a time.
 */

/** Owner listings in flight at once: each is an encrypted call (Argon2 on the server and here). */
const OWNER_READS = 4

/** What list-service-accounts says of a key, as the filters need it. */
export function factsOf(key: AccessKeyInfo, user = key.parentUser): AccessKeyFacts {
  return {
    user,
    accessKey: key.accessKey,
    status: key.status,
    hasSessionPolicy: !key.impliedPolicy,
    ...(key.name ? { name: key.name } : {}),
    ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
  }
}

/**
 * `accessKeys.listAll`: the keys of the given users (every user without), sorted by user then key,
 * each with its owner's status. The root account (not a listed user) counts as enabled.
 */
export async function listAllAccessKeys(reader: IamReader, users: string[] | undefined): Promise<AccessKeyRow[]> {
  const [byUser, everyUser] = await Promise.all([reader.listAccessKeysBulk(users ?? 'all', 'svcacc-only'), reader.listUsers()])
  const statusOf = new Map(everyUser.map((user) => [user.accessKey, user.status]))
  const asked = users ?? everyUser.map((user) => user.accessKey)
  const disabled = asked.filter((user) => statusOf.get(user) === 'disabled' && !(byUser[user]?.serviceAccounts.length))
  const listed: AccessKeyRow[] = Object.entries(byUser).flatMap(([user, lists]) =>
    lists.serviceAccounts.map((key) => ({ user, accessKey: key.accessKey, parentStatus: statusOf.get(user) ?? 'enabled', ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}) })),
  )
  const ofDisabled = (await mapBounded(disabled, OWNER_READS, (user) => reader.listAccessKeys(user))).flat()
  const rows = [...listed, ...ofDisabled.map((key) => ({ ...factsOf(key), parentStatus: 'disabled' as const }))]
  return rows.sort((left, right) => left.user.localeCompare(right.user) || left.accessKey.localeCompare(right.accessKey))
}

/** `accessKeys.details`: status, name and session-policy presence of each owner's keys (one listing per owner). */
export async function keyFacts(reader: IamReader, owners: readonly string[]): Promise<AccessKeyFacts[]> {
  const perOwner = await mapBounded(owners, OWNER_READS, async (owner) => (await reader.listAccessKeys(owner)).map((key) => factsOf(key, owner)))
  return perOwner.flat()
}

/**
 * `accessKeys.bulkSetStatus`: one audited change and one result per key, in the order given. The key
 * this connection signs with is never disabled by a bulk run (a "select all shown" would cut the
 * connection off mid-run and lock the operator out): it is `skipped`, saying why.
 */
export async function setKeyStatuses(iam: IamSession, accessKeys: readonly string[], status: EntityStatus): Promise<UserBulkReport> {
  const isOwn = (accessKey: string) => status === 'disabled' && accessKey === iam.actor
  const others = accessKeys.filter((accessKey) => !isOwn(accessKey))
  const report = reportView(others, await setAccessKeyStatuses(iam, others, status))
  if (others.length === accessKeys.length) return report
  const message = `'${iam.actor}' is the access key this connection signs with; disabling it would cut the connection off. Disable it from another connection, or on its own page.`
  const byKey = new Map(report.results.map((result) => [result.accessKey, result]))
  const results = accessKeys.map((accessKey) => byKey.get(accessKey) ?? { accessKey, status: 'skipped' as const, error: { code: 'INVALID_INPUT' as const, message } })
  return { results, totals: { ...report.totals, total: results.length, skipped: report.totals.skipped + 1 } }
}
