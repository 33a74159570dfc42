/**
 * Turns a principal of the deployment model (user, group, access key) into the principal layer's
 * input (src-main/policy/principal.ts applies MinIO's rules: disabled groups, session policy ∩
 * parent). What happens before any policy is looked at — a disabled or expired credential cannot
 * sign a request at all — is decided here.
 */
import type { PolicyDocument, PrincipalInput } from '../policy/index.ts'
import { AppFailure } from '../api/result.ts'
import type { DeploymentModel, ModelAccessKey, ModelUser } from './deployment.ts'
import type { Identity } from './request-context.ts'

export type PrincipalKind = 'user' | 'group' | 'accessKey'

export interface PrincipalRef {
  kind: PrincipalKind
  /** User name, group name, or access key id. */
  name: string
}

/** Why a credential is refused at sign-in, before any policy (admin-api §4.6). */
export interface Blocked {
  reason: 'disabledUser' | 'disabledAccessKey' | 'expiredAccessKey' | 'disabledParent'
  summary: string
}

export interface AssembledPrincipal {
  ref: PrincipalRef
  input: PrincipalInput
  identity: Identity
  /** Policy names in the order of the parent documents (a trace's policyIndex indexes this). */
  parentPolicies: readonly string[]
  /** Every policy name involved (session policy as SESSION_POLICY) and its document, same order. */
  policyNames: readonly string[]
  documents: readonly PolicyDocument[]
  /** Equal for principals whose policies are combined identically (same lists, same group states). */
  shape: string
  blocked?: Blocked
}

/** The name decidedBy gives an access key's own session policy. */
export const SESSION_POLICY = '(session policy)'

function documentsOf(model: DeploymentModel, names: readonly string[]): { names: string[]; documents: PolicyDocument[] } {
  // MinIO: mappings that name a missing policy are skipped when permissions are evaluated.
  const present = names.filter((name) => model.policies.has(name))
  return { names: present, documents: present.map((name) => model.policies.get(name) as PolicyDocument) }
}

type UserParts = Pick<AssembledPrincipal, 'input' | 'parentPolicies' | 'shape' | 'documents'>

/** A trie over a user's policy names, then its group names: the node at the end holds the parts. */
interface PartsNode {
  policies: Map<string, PartsNode>
  groups: Map<string, PartsNode>
  /** The node where the group names start, after the last policy name. */
  groupsStart?: PartsNode
  parts?: UserParts
}

/**
 * User parts by the user's policy and group lists, for one model: thousands of users share a few
 * lists, and their parts (read only by the evaluator) are the same objects. A trie rather than a
 * joined key: a name may hold any character, and no key string is built per user. One per model.
 */
export class UserPartsCache {
  readonly #root: PartsNode = { policies: new Map(), groups: new Map() }

  get(model: DeploymentModel, user: ModelUser): UserParts {
    let node = this.#root
    for (const name of user.policies) node = child(node.policies, name)
    node = node.groupsStart ??= { policies: new Map(), groups: new Map() }
    for (const name of user.groups) node = child(node.groups, name)
    return (node.parts ??= userParts(model, user))
  }
}

function child(children: Map<string, PartsNode>, name: string): PartsNode {
  let node = children.get(name)
  if (!node) {
    node = { policies: new Map(), groups: new Map() }
    children.set(name, node)
  }
  return node
}

function cachedUserParts(model: DeploymentModel, user: ModelUser, cache: UserPartsCache | undefined): UserParts {
  return cache ? cache.get(model, user) : userParts(model, user)
}

function userParts(model: DeploymentModel, user: ModelUser): UserParts {
  const own = documentsOf(model, user.policies)
  const groups = user.groups.flatMap((name) => {
    const group = model.groups.get(name)
    return group ? [{ group, ...documentsOf(model, group.policies) }] : []
  })
  return {
    input: { userPolicies: own.documents, groups: groups.map(({ group, documents }) => ({ name: group.name, enabled: group.enabled, policies: documents })) },
    parentPolicies: [...own.names, ...groups.flatMap((entry) => entry.names)],
    documents: [...own.documents, ...groups.flatMap((entry) => entry.documents)],
    shape: JSON.stringify([own.names, groups.map(({ group, names }) => [group.enabled, names])]),
  }
}

function notFound(ref: PrincipalRef, model: DeploymentModel): AppFailure {
  const what = ref.kind === 'accessKey' ? 'access key' : ref.kind
  return new AppFailure('NOT_FOUND', `There is no ${what} '${ref.name}' in ${model.source}. Check the name (names are case-sensitive).`)
}

/**
 * Assembles one principal. Throws AppFailure NOT_FOUND naming the principal when the model has
 * none of that name. `now` decides access-key expiry; `parts` (one per model) shares what users
 * with the same lists have in common.
 */
export function assemblePrincipal(model: DeploymentModel, ref: PrincipalRef, now: Date, parts?: UserPartsCache): AssembledPrincipal {
  if (ref.kind === 'group') {
    const group = model.groups.get(ref.name)
    if (!group) throw notFound(ref, model)
    const { names, documents } = documentsOf(model, group.policies)
    const input = { userPolicies: [], groups: [{ name: group.name, enabled: group.enabled, policies: documents }] }
    return { ref, identity: { kind: 'group' }, input, parentPolicies: names, policyNames: names, documents, shape: JSON.stringify([[], [[group.enabled, names]]]) }
  }
  if (ref.kind === 'user') {
    const user = model.users.get(ref.name)
    if (!user) throw notFound(ref, model)
    const own = cachedUserParts(model, user, parts)
    const blocked: Blocked | undefined = user.enabled ? undefined : { reason: 'disabledUser', summary: `Denied: user '${user.name}' is disabled, so MinIO refuses its credentials.` }
    return { ref, identity: { kind: 'user', userName: user.name }, ...own, policyNames: own.parentPolicies, ...(blocked ? { blocked } : {}) }
  }
  const key = model.accessKeys.get(ref.name)
  if (!key) throw notFound(ref, model)
  if (model.rootAccount !== undefined && key.parent === model.rootAccount) return rootKey(ref, key, now)
  const parent = model.users.get(key.parent)
  const owner: UserParts = parent ? cachedUserParts(model, parent, parts) : { input: { userPolicies: [] }, parentPolicies: [], documents: [], shape: '[[],[]]' }
  const input: PrincipalInput = { ...owner.input, accessKey: { sessionPolicy: key.sessionPolicy ?? 'inherit' } }
  const policyNames = key.sessionPolicy ? [...owner.parentPolicies, SESSION_POLICY] : owner.parentPolicies
  const documents = key.sessionPolicy ? [...owner.documents, key.sessionPolicy] : owner.documents
  const blocked = accessKeyBlock(key, parent, now)
  // Each session policy is its own document: keys with one share a shape only with themselves.
  const shape = `${owner.shape}|${key.sessionPolicy ? key.accessKey : 'inherit'}`
  return { ref, identity: { kind: 'accessKey', userName: key.parent }, input, parentPolicies: owner.parentPolicies, policyNames, documents, shape, ...(blocked ? { blocked } : {}) }
}

/**
 * A key of the root account. MinIO (IsAllowedServiceAccount, isOwnerDerived): no parent policy is
 * read; a session policy alone decides (IsOwner off), and without one the key is the owner.
 */
function rootKey(ref: PrincipalRef, key: ModelAccessKey, now: Date): AssembledPrincipal {
  const input: PrincipalInput = { userPolicies: [], isRoot: true, accessKey: { sessionPolicy: key.sessionPolicy ?? 'inherit' } }
  const blocked = accessKeyBlock(key, undefined, now)
  const documents = key.sessionPolicy ? [key.sessionPolicy] : []
  const shape = `root|${key.sessionPolicy ? key.accessKey : 'inherit'}`
  return { ref, identity: { kind: 'accessKey', userName: key.parent }, input, parentPolicies: [], policyNames: key.sessionPolicy ? [SESSION_POLICY] : [], documents, shape, ...(blocked ? { blocked } : {}) }
}

function accessKeyBlock(key: { accessKey: string; enabled: boolean; expiresAt?: string; parent: string }, parent: ModelUser | undefined, now: Date): Blocked | undefined {
  if (!key.enabled) return { reason: 'disabledAccessKey', summary: `Denied: access key '${key.accessKey}' is disabled, so MinIO refuses it.` }
  if (key.expiresAt !== undefined && Date.parse(key.expiresAt) <= now.getTime()) return { reason: 'expiredAccessKey', summary: `Denied: access key '${key.accessKey}' expired at ${key.expiresAt}.` }
  // MinIO: disabling the parent disables its access keys (admin-api §4.6).
  if (parent !== undefined && !parent.enabled) return { reason: 'disabledParent', summary: `Denied: the owner of access key '${key.accessKey}', user '${key.parent}', is disabled.` }
  return undefined
}

/** Every principal of the model: users, then access keys, then groups, each sorted by name. */
export function allPrincipals(model: DeploymentModel): PrincipalRef[] {
  // The default sort compares UTF-16 code units, as `<` on strings does.
  const sorted = (names: Iterable<string>) => [...names].sort()
  return [
    ...sorted(model.users.keys()).map((name) => ({ kind: 'user' as const, name })),
    ...sorted(model.accessKeys.keys()).map((name) => ({ kind: 'accessKey' as const, name })),
    ...sorted(model.groups.keys()).map((name) => ({ kind: 'group' as const, name })),
  ]
}
