/**
 * The impact preview: who gains and who loses which access if a change is applied. The state
 * after is `applyChange(model, change)`; both states are asked by the evaluator (access-diff.ts),
 * but only for the principals the change can reach and only on the actions and resources that the
 * documents the change brings in or takes away can match (plus the deployment's buckets). Pure.
 *
 * Why narrowing is exact: a request's decision is a function of the documents that apply to the
 * principal. A change that adds or removes documents (attach, detach, edit) can only alter a
 * decision where one of those documents has a statement matching the request's action; a change
 * that switches a principal's whole set (status, membership, session policy, delete) is asked on
 * everything any of its documents, before or after, can match.
 */
import { catalogue, type PolicyDocument } from '../policy/index.ts'
import { diffAccess, focusOf, principalsUsing, type AccessChange, type AccessDiff } from './access-diff.ts'
import { patternsOf, resourcesFor } from './access-catalogue.ts'
import { AccessAnalyzer, type AccessLevel } from './access-analyzer.ts'
import { parseResource, requestFor } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { applyChange, type ProposedChange } from './impact-change.ts'
import { questionsWorthAsking } from './impact-questions.ts'
import { assemblePrincipal, type PrincipalRef } from './principals.ts'

export { applyChange, type ImpactTarget, type ProposedChange } from './impact-change.ts'

export interface ImpactOptions {
  now?: Date
  /**
   * Name the deciding statements of each gain and loss (a traced evaluation each): true for all
   * (the default), a number for only the first N of each list (what a capped view shows).
   */
  explain?: boolean | number
}

const user = (name: string): PrincipalRef => ({ kind: 'user', name })
const group = (name: string): PrincipalRef => ({ kind: 'group', name })
const accessKey = (name: string): PrincipalRef => ({ kind: 'accessKey', name })

/** Users with their access keys (the keys inherit from them), in either state. */
function withKeys(models: readonly DeploymentModel[], users: Iterable<string>): PrincipalRef[] {
  const names = new Set(users)
  const keys = new Set<string>()
  for (const model of models) for (const key of model.accessKeys.values()) if (names.has(key.parent)) keys.add(key.accessKey)
  return [...[...names].map(user), ...[...keys].map(accessKey)]
}

function membersOf(models: readonly DeploymentModel[], name: string): string[] {
  return [...new Set(models.flatMap((model) => model.groups.get(name)?.members ?? []))]
}

/** The principals whose access `change` can alter (in `before` or `after`), each once. */
export function reachOf(before: DeploymentModel, after: DeploymentModel, change: ProposedChange): PrincipalRef[] {
  const both = [before, after]
  const refs: PrincipalRef[] = (() => {
    switch (change.kind) {
      case 'attach':
      case 'detach':
        return change.targets.flatMap((target) => ('user' in target ? withKeys(both, [target.user]) : [group(target.group), ...withKeys(both, membersOf(both, target.group))]))
      case 'putPolicy':
      case 'deletePolicy':
        return [...principalsUsing(before, change.name), ...principalsUsing(after, change.name)]
      case 'addMembers':
      case 'removeMembers':
        return withKeys(both, change.users)
      case 'groupStatus':
      case 'deleteGroup':
        return [group(change.group), ...withKeys(both, membersOf(both, change.group))]
      case 'createUser':
        return withKeys(both, [change.name])
      case 'accessKeysStatus':
        return change.accessKeys.map(accessKey)
      case 'accessKeyExpiry':
      case 'createAccessKey':
        return [accessKey(change.accessKey)]
      case 'userStatus':
      case 'deleteUsers':
        return withKeys(both, change.users)
      case 'accessKeyPolicy':
      case 'accessKeyStatus':
      case 'deleteAccessKey':
        return [accessKey(change.accessKey)]
    }
  })()
  const seen = new Map<string, PrincipalRef>()
  for (const ref of refs) if (has(before, ref) || has(after, ref)) seen.set(`${ref.kind}:${ref.name}`, ref)
  return [...seen.values()]
}

function has(model: DeploymentModel, ref: PrincipalRef): boolean {
  return ref.kind === 'user' ? model.users.has(ref.name) : ref.kind === 'group' ? model.groups.has(ref.name) : model.accessKeys.has(ref.name)
}

/** What a root key without a session policy may do: everything (it holds no document to bound the focus). */
const EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'admin:*'], Resource: ['arn:aws:s3:::*'] }] } as unknown as PolicyDocument

/** Every document that applies to the principals in either state (what a status or membership switch can change). */
function documentsOfPrincipals(models: readonly DeploymentModel[], refs: readonly PrincipalRef[], now: Date): PolicyDocument[] {
  const out = new Set<PolicyDocument>()
  for (const model of models) {
    for (const ref of refs) {
      if (!has(model, ref)) continue
      const principal = assemblePrincipal(model, ref, now)
      for (const document of principal.documents) out.add(document)
      if (principal.input.isRoot === true && principal.documents.length === 0) out.add(EVERYTHING)
    }
  }
  return [...out]
}

/** The documents whose statements bound what `change` can alter. */
export function changedDocuments(before: DeploymentModel, after: DeploymentModel, change: ProposedChange, reach: readonly PrincipalRef[], now: Date): PolicyDocument[] {
  const named = (names: readonly string[]) => names.flatMap((name) => [before.policies.get(name), after.policies.get(name)]).filter((document) => document !== undefined)
  if (change.kind === 'attach' || change.kind === 'detach') return [...new Set(named(change.policies))]
  if (change.kind === 'putPolicy' || change.kind === 'deletePolicy') return [...new Set(named([change.name]))]
  return documentsOfPrincipals([before, after], reach, now)
}

export interface Impact extends AccessDiff {
  /** The state after the change (what was diffed against `model`). */
  after: DeploymentModel
  /** What was asked: the principals the change reaches, the actions and resources it can alter. */
  focus: { principals: PrincipalRef[]; actions: string[]; resources: string[]; resourcesOf?: (ref: PrincipalRef) => string[] }
}

/** Who gains and who loses which access if `change` is applied to `model`. */
export function impactOf(model: DeploymentModel, change: ProposedChange, options: ImpactOptions = {}): Impact {
  const now = options.now ?? new Date()
  const after = applyChange(model, change)
  const principals = reachOf(model, after, change)
  const documents = changedDocuments(model, after, change, principals, now)
  const buckets = [...new Set([...model.buckets, ...after.buckets])]
  const focus = focusOf(documents, buckets)
  const asked: Impact['focus'] = { principals, ...focus }
  if (principals.length === 0 || focus.actions.length === 0) return { gained: [], lost: [], asked: { principals: principals.length, actions: focus.actions.length, resources: focus.resources.length }, after, focus: asked }
  const resourcesOf = identityResources([model, after], documents)
  if (resourcesOf) asked.resourcesOf = resourcesOf
  const keep = questionsWorthAsking(model, after, change)
  const diff = diffAccess(model, after, { now, principals, focus, ...(resourcesOf ? { resourcesOf } : {}), ...(keep ? { keep } : {}), explain: false })
  const gained = tidy(diff.gained)
  const lost = tidy(diff.lost)
  const explain = options.explain ?? true
  if (explain !== false) explainFirst(model, after, [gained, lost], explain === true ? Infinity : explain, now)
  return { ...diff, gained, lost, after, focus: asked }
}

/** Fills decidedBy of the first `count` changes of each list: the statements that grant a gain (after) or granted a loss (before). */
function explainFirst(before: DeploymentModel, after: DeploymentModel, lists: AccessChange[][], count: number, now: Date): void {
  const analyzers = { before: new AccessAnalyzer(before, now), after: new AccessAnalyzer(after, now) }
  for (const list of lists) {
    for (const change of list.slice(0, count)) {
      const isGain = RANK[change.after] > RANK[change.before]
      const request = requestFor(change.action, change.resource === '*' ? { bucket: '', object: '' } : parseResource(change.resource))
      change.decidedBy = (isGain ? analyzers.after : analyzers.before).cell(change, request).decidedBy
    }
  }
}

const RANK: Record<AccessLevel, number> = { none: 0, conditional: 1, allow: 2 }

const IDENTITY_VARIABLE = /\$\{aws:(username|userid)\}/i

/**
 * A pattern with `${aws:username}` names a different path for each user (home/${aws:username}/*):
 * each user and access key is also asked about its own (home/alice/x). Undefined when no pattern reads it.
 */
function identityResources(models: readonly DeploymentModel[], documents: readonly PolicyDocument[]): ((ref: PrincipalRef) => string[]) | undefined {
  const patterns = documents.flatMap(patternsOf).filter((pattern) => IDENTITY_VARIABLE.test(pattern))
  if (patterns.length === 0) return undefined
  const parentOf = (accessKey: string) => models.map((model) => model.accessKeys.get(accessKey)?.parent).find((parent) => parent !== undefined)
  return (ref) => {
    const userName = ref.kind === 'user' ? ref.name : ref.kind === 'accessKey' ? parentOf(ref.name) : undefined
    if (userName === undefined) return []
    const Resource = patterns.map((pattern) => pattern.replace(new RegExp(IDENTITY_VARIABLE.source, 'gi'), userName))
    return resourcesFor([], [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource }] } as unknown as PolicyDocument])
  }
}

const LISTINGS = new Set(['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'])
const OBJECT_ACTIONS = new Set(catalogue.S3_ACTIONS.filter((info) => info.resource === 'object').map((info) => info.action))

/**
 * What a reader needs, without repeats: an object action on a bare bucket name (no request names
 * no key) and a listing under a prefix that changes exactly as the whole bucket's listing are dropped.
 */
export function tidy(changes: AccessChange[]): AccessChange[] {
  const key = (change: AccessChange, resource: string) => `${change.kind}:${change.name}\u0000${change.action}\u0000${resource}\u0000${change.before}\u0000${change.after}`
  const whole = new Set(changes.filter((change) => LISTINGS.has(change.action) && !change.resource.includes('/')).map((change) => key(change, change.resource)))
  return changes.filter((change) => {
    if (OBJECT_ACTIONS.has(change.action) && !change.resource.includes('/')) return false
    return !(LISTINGS.has(change.action) && change.resource.includes('/') && whole.has(key(change, change.resource.split('/')[0] as string)))
  })
}
