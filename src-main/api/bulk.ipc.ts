import {
  addGroupMembers, attachPolicies, deleteUsers, detachPolicies, removeGroupMembers, setUserStatuses, type BulkIam,
} from '../bulk/bulk-operations.ts'
import type { BulkItemResult, BulkReport } from '../bulk/bulk-runner.ts'
import type { AppServices } from '../services/app-services.ts'
import { AppFailure } from './result.ts'
import type { UserBulkAction, UserBulkReport, UserBulkResult, bulkContract } from './bulk.contract.ts'
import type { DomainHandlers } from './dispatch.ts'
import { showError } from './fields.ts'
import { mapLimited, withAdmin, withAudited } from './iam-kit.ts'

/** Runs the action over the users, one item (and one audit event) per user, at the runner's bounded concurrency. */
function runAction(iam: BulkIam, accessKeys: readonly string[], action: UserBulkAction): Promise<BulkReport<unknown>> {
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

/**
 * Refuses, before any change, a group or policy that does not exist: MinIO would create a missing
 * group on the first add (a typo becoming a new group), and an unknown policy would fail every user
 * with the same error. Plain reads, no Argon2 work.
 */
async function checkAction(services: AppServices, connectionId: string, action: UserBulkAction): Promise<void> {
  const names = action.kind === 'addToGroup' || action.kind === 'removeFromGroup' ? [['group', action.group] as const] : []
  const policies = action.kind === 'attach' ? action.policies.map((policy) => ['policy', policy] as const) : []
  if (names.length + policies.length === 0) return
  await withAdmin(services, connectionId, (client) =>
    mapLimited([...names, ...policies], 4, async ([kind, name]) => {
      try {
        await (kind === 'group' ? client.getGroup(name) : client.getPolicy(name))
      } catch (error) {
        if (!(error instanceof AppFailure) || error.code !== 'NOT_FOUND') throw error
        throw new AppFailure('NOT_FOUND', `The ${kind} '${name}' does not exist on this server, so no user was changed. Refresh the ${kind} list and choose again.`)
      }
    }))
}

/** The bulk channel: every change through the audited IAM service, opened for the run and closed after. */
export function bulkHandlers(services: AppServices): DomainHandlers<typeof bulkContract> {
  return {
    'users.bulk': async ({ connectionId, accessKeys, action }) => {
      await checkAction(services, connectionId, action)
      return withAudited(services, connectionId, async (iam) => reportView(accessKeys, await runAction(iam, accessKeys, action)))
    },
  }
}
