/**
 * Access gained and lost between two deployment states (two snapshots, or the state before and
 * after a change): every principal of either state, asked every S3 and admin action on the
 * resources both states' buckets and policy patterns name, each answer from the evaluator.
 */
import { catalogue, type PolicyDocument } from '../policy/index.ts'
import { AccessAnalyzer } from './access-analyzer.ts'
import type { AccessCell, DecidingStatement } from './access-cell.ts'
import { resourcesFor } from './access-catalogue.ts'
import { parseResource, requestFor, type AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { allPrincipals, type PrincipalRef } from './principals.ts'

/** How much of an access a principal has: none, in some request contexts, or always. */
export type AccessLevel = 'none' | 'conditional' | 'allow'

export interface AccessChange extends PrincipalRef {
  action: string
  resource: string
  before: AccessLevel
  after: AccessLevel
  /** The statements that grant it (after, for a gain) or granted it (before, for a loss). */
  decidedBy: DecidingStatement[]
}

export interface AccessDiff {
  gained: AccessChange[]
  lost: AccessChange[]
  /** What was asked, so a reader knows the coverage. */
  asked: { principals: number; actions: number; resources: number }
}

const RANK: Record<AccessLevel, number> = { none: 0, conditional: 1, allow: 2 }

export function levelOf(cell: AccessCell): AccessLevel {
  if (!cell.isPossible) return 'none'
  return cell.isConditional ? 'conditional' : 'allow'
}

/** Every S3 and admin action a request can name. */
export const DIFF_ACTIONS: readonly string[] = [
  ...catalogue.S3_ACTIONS.map((info) => info.action).filter((action) => action !== 's3:*'),
  ...catalogue.ADMIN_ACTIONS.filter((action) => action !== 'admin:*'),
]

function documentsOf(model: DeploymentModel): PolicyDocument[] {
  return [...model.policies.values(), ...[...model.accessKeys.values()].flatMap((key) => (key.sessionPolicy ? [key.sessionPolicy] : []))]
}

function uniquePrincipals(before: DeploymentModel, after: DeploymentModel): PrincipalRef[] {
  const seen = new Map<string, PrincipalRef>()
  for (const ref of [...allPrincipals(before), ...allPrincipals(after)]) seen.set(`${ref.kind}:${ref.name}`, ref)
  return [...seen.values()]
}

function has(model: DeploymentModel, ref: PrincipalRef): boolean {
  return ref.kind === 'user' ? model.users.has(ref.name) : ref.kind === 'group' ? model.groups.has(ref.name) : model.accessKeys.has(ref.name)
}

/** The distinct questions: account-wide actions once, the rest once per resource. */
function questions(resources: readonly string[]): Array<{ resource: string; request: AccessRequest }> {
  const out: Array<{ resource: string; request: AccessRequest }> = []
  const seen = new Set<string>()
  for (const action of DIFF_ACTIONS) {
    for (const resource of resources) {
      const request = requestFor(action, parseResource(resource))
      const key = JSON.stringify(request)
      if (seen.has(key)) continue
      seen.add(key)
      out.push({ resource: request.bucket === '' ? '*' : resource, request })
    }
  }
  return out
}

/** Compares two states. `now` decides access-key expiry in both. */
export function diffAccess(before: DeploymentModel, after: DeploymentModel, now: Date = new Date()): AccessDiff {
  const resources = resourcesFor([...new Set([...before.buckets, ...after.buckets])], [...documentsOf(before), ...documentsOf(after)])
  const analyzers = { before: new AccessAnalyzer(before, now), after: new AccessAnalyzer(after, now) }
  const asked = questions(resources.length > 0 ? resources : ['bucket/x'])
  const gained: AccessChange[] = []
  const lost: AccessChange[] = []
  const principals = uniquePrincipals(before, after)
  for (const ref of principals) {
    const inBefore = has(before, ref)
    const inAfter = has(after, ref)
    for (const { resource, request } of asked) {
      const old = inBefore ? analyzers.before.cell(ref, request) : undefined
      const now = inAfter ? analyzers.after.cell(ref, request) : undefined
      const levels = { before: old ? levelOf(old) : 'none', after: now ? levelOf(now) : 'none' } as const
      if (levels.before === levels.after) continue
      const change = { ...ref, action: request.action, resource, ...levels }
      if (RANK[levels.after] > RANK[levels.before]) gained.push({ ...change, decidedBy: now?.decidedBy ?? [] })
      else lost.push({ ...change, decidedBy: old?.decidedBy ?? [] })
    }
  }
  return { gained, lost, asked: { principals: principals.length, actions: DIFF_ACTIONS.length, resources: resources.length } }
}
