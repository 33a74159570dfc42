/**
 * The principal layer (§5.4, admin-api §4.2 and §4.6): how the server combines policies for a user
 * before MinIO's evaluator runs. Root bypasses everything; a member of any disabled group gets
 * nothing; no attached policy means deny (Deny-only checks included); user + enabled-group policies
 * are merged and evaluated once; an access key's session policy must ALSO allow (intersection).
 */
import { compileList, type CompileCache, type CompiledList } from './compile-cache.ts'
import { isCurrentSemantics, withSemantics, type PolicySemantics } from './semantics.ts'
import { evaluate } from './evaluate.ts'
import type { Decision, PolicyDocument, PolicyRequest, PrincipalDecision, PrincipalInput, PrincipalReason } from './types.ts'

interface Options {
  explain: boolean
  traceAllowPass: boolean
  cache: CompileCache | undefined
}

function denied(reason: PrincipalReason, summary: string, extra: Partial<PrincipalDecision> = {}): PrincipalDecision {
  return { effect: 'implicitDeny', allowed: false, reason, summary, ...extra }
}

/** Stored policies are decoded without validation, as the server loads them. */
function decodeAll(documents: ReadonlyArray<PolicyDocument | string>, cache: CompileCache | undefined): CompiledList | string {
  return cache === undefined ? compileList(documents) : cache.compile(documents)
}

function isSessionAbsent(session: PolicyDocument | string | undefined): session is undefined | 'inherit' {
  return session === undefined || session === 'inherit'
}

function evaluateSession(session: PolicyDocument | string, request: PolicyRequest, { explain, traceAllowPass, cache }: Options): Decision | string | undefined {
  const decoded = decodeAll([session], cache)
  if (typeof decoded === 'string') return decoded
  const policy = decoded.policies[0]
  // MinIO: a stored session policy with no Version, ID or statements counts as absent (inherit).
  if (policy === undefined || (policy.version === '' && policy.id === '' && policy.statements.length === 0)) return undefined
  return evaluate(decoded.set, { ...request, isOwner: false, denyOnly: false }, { explain, traceAllowPass })
}

/** Why MinIO denies a user everything before reading any policy (`deniedBeforePolicies`). */
export type DenyAllCause = { reason: 'userDisabled' } | { reason: 'disabledGroup'; groups: string[] } | { reason: 'noPolicies' }

/**
 * MinIO's rules that deny a user everything whatever its policies say (admin API §4.6; IAMSys
 * IsAllowed): a disabled user signs nothing; membership of any disabled group drops all of the
 * user's policies, its own included; no attached policy at all denies (Deny-only checks included).
 * `policyCount` counts the user's and its groups' attachments. Undefined when the policies decide.
 * Pure; the evaluator and the Users screen's effective access both ask it.
 */
export function deniedBeforePolicies(principal: { isUserEnabled?: boolean; groups: ReadonlyArray<{ name: string; enabled: boolean }>; policyCount: number }): DenyAllCause | undefined {
  if (principal.isUserEnabled === false) return { reason: 'userDisabled' }
  const disabled = principal.groups.filter((group) => !group.enabled).map((group) => group.name)
  if (disabled.length > 0) return { reason: 'disabledGroup', groups: disabled }
  return principal.policyCount === 0 ? { reason: 'noPolicies' } : undefined
}

function evaluateParent(principal: PrincipalInput, request: PolicyRequest, { explain, traceAllowPass, cache }: Options): Decision | PrincipalDecision {
  const groups = principal.groups ?? []
  const documents = [...principal.userPolicies, ...groups.flatMap((group) => group.policies)]
  const cause = deniedBeforePolicies({ groups, policyCount: documents.length })
  if (cause?.reason === 'disabledGroup') {
    return denied('disabledGroup', `Denied: the user belongs to disabled group(s) ${cause.groups.join(', ')}, so MinIO drops all of the user's policies.`)
  }
  if (cause) return denied('noPolicies', 'Denied: no policy is attached to the user or its groups (MinIO denies everything, Deny-only checks included).')
  const policies = decodeAll(documents, cache)
  if (typeof policies === 'string') return denied('invalidPolicy', `Denied: an attached policy cannot be decoded (${policies}).`, { error: policies })
  const args = { ...request, isOwner: principal.isOwner ?? request.isOwner ?? false, denyOnly: principal.denyOnly ?? request.denyOnly ?? false }
  return evaluate(policies.set, args, { explain, traceAllowPass })
}

/**
 * Answers a request for a principal the way the MinIO server does (IAMSys.IsAllowed and
 * IsAllowedServiceAccount, v3.1.3 semantics). With `explain`, the parent and session decisions
 * carry their explanations (`traceAllowPass`: see evaluate). A `cache` decodes and merges each
 * distinct policy list once (same decision). Never throws.
 */
export function evaluatePrincipal(principal: PrincipalInput, request: PolicyRequest, options: { explain?: boolean; traceAllowPass?: boolean; cache?: CompileCache; semantics?: PolicySemantics } = {}): PrincipalDecision {
  // A cache holds documents decoded with v3.1.3's rules: other semantics decode afresh.
  const cache = isCurrentSemantics(options.semantics) ? options.cache : undefined
  const settings: Options = { explain: options.explain === true, traceAllowPass: options.traceAllowPass === true, cache }
  return withSemantics(options.semantics, () => evaluatePrincipalIn(principal, request, settings))
}

function evaluatePrincipalIn(principal: PrincipalInput, request: PolicyRequest, settings: Options): PrincipalDecision {
  const session = principal.accessKey?.sessionPolicy
  if (principal.isRoot === true && (principal.accessKey === undefined || isSessionAbsent(session))) {
    return { effect: 'allow', allowed: true, reason: 'root', summary: 'Allowed: root credentials (and root access keys without a session policy) bypass every policy.' }
  }
  let parent: Decision | undefined
  if (principal.isRoot !== true) {
    const outcome = evaluateParent(principal, request, settings)
    if ('reason' in outcome) return outcome
    parent = outcome
  }
  const sessionDecision = isSessionAbsent(session) ? undefined : evaluateSession(session, request, settings)
  if (typeof sessionDecision === 'string') return denied('invalidPolicy', `Denied: the access key's session policy cannot be decoded (${sessionDecision}).`, { error: sessionDecision, ...(parent ? { parent } : {}) })
  const withParts = { ...(parent ? { parent } : {}), ...(sessionDecision ? { session: sessionDecision } : {}) }
  if (sessionDecision !== undefined && !sessionDecision.allowed) {
    return { effect: sessionDecision.effect, allowed: false, reason: 'sessionPolicyDenied', summary: 'Denied: the access key\'s session policy does not allow this request (it can only narrow the parent\'s permissions).', ...withParts }
  }
  if (parent === undefined) return { effect: 'allow', allowed: true, reason: 'evaluated', summary: 'Allowed: the session policy allows it and the parent is root.', ...withParts }
  const scope = sessionDecision === undefined ? '' : ' and the access key\'s session policy allows it'
  const summary = parent.allowed ? `Allowed: the user's combined policies allow it${scope}.` : parent.explanation?.summary ?? 'Denied by the user\'s combined policies.'
  return { effect: parent.effect, allowed: parent.allowed, reason: 'evaluated', summary, ...withParts }
}
