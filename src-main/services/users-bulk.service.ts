import { AppFailure } from '../api/result.ts'
import {
  addGroupMembers, attachPolicies, deleteUsers, detachPolicies, removeGroupMembers, setUserStatuses,
} from '../bulk/bulk-operations.ts'
import type { BulkItemResult, BulkReport } from '../bulk/bulk-runner.ts'
import { mapBounded } from '../shared/bounded-map.ts'
import { showError } from '../shared/show-error.ts'
import type { IamReader, IamSession } from './iam-session.ts'
import type { UserBulkAction, UserBulkReport, UserBulkResult } from './views.types.ts'

/** `users.bulk`: one action over many users of one session, one item (and one audit event) per user. */

/** Runs the action over the users at the runner's bounded concurrency. */
function runAction(iam: IamSession, accessKeys: readonly string[], action: UserBulkAction): Promise<BulkReport<unknown>> {
  switch (action.kind) {
    case 'attach':
      return attachPolicies(iam, accessKeys.map((user) => ({ target: { user }, policies: action.policies })))
    case 'detach':
      return detachPolicies(iam, accessKeys.map((user) => ({ target: { user }, policies: action.policies })))
    case 'addToGroup':
      return addGroupMembers(iam, accessKeys.map((member) => ({ group: action.group, member })))
    case 'removeFromGroup':
      return removeGroupMembers(iam, accessKeys.map((member) => ({ group: action.group, member })))
    case 'enable':
    case 'disable':
      return setUserStatuses(iam, accessKeys, action.kind === 'enable' ? 'enabled' : 'disabled')
    case 'delete':
      return deleteUsers(iam, accessKeys)
  }
}

/**
 * One user's result as the screen shows it: code and message only (`details` stay in main). MinIO
 * refuses an attach of a policy the user already has (or a detach of one it lacks) as "already
 * applied": nothing needed changing, so that user is `skipped`, not failed and left for a retry.
 */
export function userResult(accessKey: string, result: BulkItemResult<unknown>): UserBulkResult {
  if (!result.error) return { accessKey, status: result.status }
  const error = showError(result.error)
  const isAlreadyApplied = result.error.details?.minioCode === 'XMinioAdminPolicyChangeAlreadyApplied'
  return { accessKey, status: isAlreadyApplied ? 'skipped' : result.status, error }
}

/** The per-user list, in input order, and its totals. */
export function reportView(accessKeys: readonly string[], report: BulkReport<unknown>): UserBulkReport {
  const results = report.results.map((result) => userResult(accessKeys[result.index] as string, result))
  const count = (status: UserBulkResult['status']) => results.filter((result) => result.status === status).length
  return { results, totals: { total: results.length, ok: count('ok'), failed: count('failed'), skipped: count('skipped') } }
}

/** Names checked at once before a run: plain reads, no Argon2 work. */
const CHECK_READS = 4

/**
 * Refuses, before any change, a group or policy that does not exist: MinIO would create a missing
 * group on the first add (a typo becoming a new group), and an unknown policy would fail every user
 * with the same error. AppFailure NOT_FOUND naming it.
 */
export async function checkAction(reader: IamReader, action: UserBulkAction): Promise<void> {
  const names = action.kind === 'addToGroup' || action.kind === 'removeFromGroup' ? [['group', action.group] as const] : []
  const policies = action.kind === 'attach' ? action.policies.map((policy) => ['policy', policy] as const) : []
  await mapBounded([...names, ...policies], CHECK_READS, async ([kind, name]) => {
    try {
      await (kind === 'group' ? reader.getGroup(name) : reader.getPolicy(name))
    } catch (error) {
      if (!(error instanceof AppFailure) || error.code !== 'NOT_FOUND') throw error
      throw new AppFailure('NOT_FOUND', `The ${kind} '${name}' does not exist on this server, so no user was changed. Refresh the ${kind} list and choose again.`)
    }
  })
}

/** Checks the action, then runs it over the users on the one session; the per-user report. */
export async function runUserBulk(iam: IamSession, accessKeys: readonly string[], action: UserBulkAction): Promise<UserBulkReport> {
  await checkAction(iam, action)
  return reportView(accessKeys, await runAction(iam, accessKeys, action))
}
