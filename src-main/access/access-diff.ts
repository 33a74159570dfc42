/**
 * Access gained and lost between two deployment states (two snapshots, or the state before and
 * after a change): every principal of either state, asked every S3 and admin action on the
 * resources both states' buckets and policy patterns name, each answer from the evaluator.
 */
import { candidatesFor } from '../policy/compile.ts'
import { catalogue, compilePolicies, matchWildcard, type PolicyDocument } from '../policy/index.ts'
import { AccessAnalyzer, type AccessLevel } from './access-analyzer.ts'
import type { DecidingStatement } from './access-cell.ts'
import { patternsOf, resourcesFor } from './access-catalogue.ts'
import { parseResource, requestFor, type AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { allPrincipals, type PrincipalRef } from './principals.ts'


export interface AccessChange extends PrincipalRef {
  action: string
  resource: string
  before: AccessLevel
  after: AccessLevel
  /** The statements that grant it (after, for a gain) or granted it (before, for a loss); empty without `explain`. */
  decidedBy: DecidingStatement[]
}

export interface AccessDiff {
  gained: AccessChange[]
  lost: AccessChange[]
  /** What was asked, so a reader knows the coverage. */
  asked: { principals: number; actions: number; resources: number }
}

const RANK: Record<AccessLevel, number> = { none: 0, conditional: 1, allow: 2 }


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
function questions(actions: readonly string[], resources: readonly string[]): Array<{ resource: string; request: AccessRequest }> {
  const out: Array<{ resource: string; request: AccessRequest }> = []
  const seen = new Set<string>()
  for (const action of actions) {
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

export interface DiffOptions {
  now?: Date
  /** Only these principals (a change's reach, see principalsUsing). */
  principals?: readonly PrincipalRef[]
  /** Only what these documents can grant or deny (the changed policy before and after, see focusOf). */
  focus?: { actions: readonly string[]; resources: readonly string[] }
  /** Name the deciding statements of each change (costs a traced evaluation per change). Default true. */
  explain?: boolean
  /** Resources asked of one principal only, besides the shared ones (its own `${aws:username}` paths). */
  resourcesOf?: (ref: PrincipalRef) => readonly string[]
  /** Only the questions this keeps (a change that cannot alter a question's answer for anyone leaves it out). */
  keep?: (request: AccessRequest) => boolean
}

/** Compares two states; `now` decides access-key expiry in both. */
export function diffAccess(before: DeploymentModel, after: DeploymentModel, options: DiffOptions = {}): AccessDiff {
  const now = options.now ?? new Date()
  const actions = options.focus?.actions ?? DIFF_ACTIONS
  const resources = options.focus?.resources ?? resourcesFor([...new Set([...before.buckets, ...after.buckets])], [...documentsOf(before), ...documentsOf(after)])
  const analyzers = { before: new AccessAnalyzer(before, now), after: new AccessAnalyzer(after, now) }
  const keep = options.keep ?? (() => true)
  const asked = questions(actions, resources.length > 0 ? resources : ['bucket/x']).filter((question) => keep(question.request))
  const gained: AccessChange[] = []
  const lost: AccessChange[] = []
  const principals = options.principals ?? uniquePrincipals(before, after)
  const shared = new Set(asked.map((question) => JSON.stringify(question.request)))
  for (const ref of principals) {
    const inBefore = has(before, ref)
    const inAfter = has(after, ref)
    const own = options.resourcesOf ? questions(actions, options.resourcesOf(ref)).filter((question) => !shared.has(JSON.stringify(question.request)) && keep(question.request)) : []
    for (const { resource, request } of own.length > 0 ? [...asked, ...own] : asked) {
      // The hot loop of a large preview: plain locals and object literals, no spreads.
      const levelBefore: AccessLevel = inBefore ? analyzers.before.level(ref, request) : 'none'
      const levelAfter: AccessLevel = inAfter ? analyzers.after.level(ref, request) : 'none'
      if (levelBefore === levelAfter) continue
      const isGain = RANK[levelAfter] > RANK[levelBefore]
      const decidedBy = options.explain === false ? [] : (isGain ? analyzers.after : analyzers.before).cell(ref, request).decidedBy
      ;(isGain ? gained : lost).push({ kind: ref.kind, name: ref.name, action: request.action, resource, before: levelBefore, after: levelAfter, decidedBy })
    }
  }
  return { gained, lost, asked: { principals: principals.length, actions: actions.length, resources: resources.length } }
}

/**
 * What a change to these documents can alter: the actions some statement of theirs matches, and
 * the resources their patterns name plus the buckets those patterns reach (with an object in each).
 * A NotAction or NotResource reaches everything, so such a document widens the focus accordingly.
 */
export function focusOf(documents: readonly PolicyDocument[], buckets: readonly string[]): { actions: string[]; resources: string[] } {
  const set = compilePolicies(documents)
  const actions = DIFF_ACTIONS.filter((action) => {
    const candidates = candidatesFor(set, action)
    return candidates.allows.length + candidates.denies.length > 0
  })
  const everywhere = set.statements.some((statement) => statement.notResources.length > 0)
  const bucketPatterns = documents.flatMap(patternsOf).map((pattern) => pattern.replace(/^arn:aws:s3:::/, '').split('/')[0] as string)
  const reached = buckets.filter((bucket) => everywhere || bucketPatterns.some((pattern) => matchWildcard(pattern, bucket)))
  return { actions, resources: resourcesFor(reached, documents) }
}

/** The principals whose access a change to `policy` can alter: holders, members of holding groups, their access keys. */
export function principalsUsing(model: DeploymentModel, policy: string): PrincipalRef[] {
  const groups = [...model.groups.values()].filter((group) => group.policies.includes(policy)).map((group) => group.name)
  const holding = new Set(groups)
  const users = [...model.users.values()].filter((user) => user.policies.includes(policy) || user.groups.some((group) => holding.has(group))).map((user) => user.name)
  const owners = new Set(users)
  const keys = [...model.accessKeys.values()].filter((key) => owners.has(key.parent)).map((key) => key.accessKey)
  return [...users.map((name) => ({ kind: 'user' as const, name })), ...keys.map((name) => ({ kind: 'accessKey' as const, name })), ...groups.map((name) => ({ kind: 'group' as const, name }))]
}
