/**
 * A question under edit: the documents' texts by id, the principal and the request with its
 * condition map. Evaluating it is exactly evaluatePrincipal with the question's semantics, so a
 * suggestion is verified by the same code that answered the question.
 */
import { evaluatePrincipal } from '../principal.ts'
import { CompileCache } from '../compile-cache.ts'
import { canonicalHeaderKey } from '../text/go-text.ts'
import { shortKeyName } from '../conditions/keys.ts'
import type { ConditionValues, PolicyRequest, PrincipalDecision } from '../types.ts'
import type { PolicySemantics } from '../semantics.ts'
import type { Candidate, WhyNotPrincipal, WhyNotQuestion } from './types.ts'

export interface QuestionState {
  texts: ReadonlyMap<string, string>
  names: ReadonlyMap<string, string>
  principal: WhyNotPrincipal
  request: PolicyRequest
  semantics: PolicySemantics | undefined
  /** Decodes each distinct document text once across the whole search (same decisions). */
  cache: CompileCache
}

export function stateOf(question: WhyNotQuestion): QuestionState {
  return {
    texts: new Map(question.documents.map((document) => [document.id, document.text])),
    names: new Map(question.documents.map((document) => [document.id, document.name])),
    principal: question.principal,
    request: question.request,
    semantics: question.semantics,
    cache: new CompileCache(),
  }
}

/** The parent's documents in MinIO's merge order (user, then each enabled group): policyIndex → id. */
export function parentOrder(state: QuestionState): string[] {
  const { principal } = state
  return [...principal.userPolicies, ...principal.groups.filter((group) => group.enabled).flatMap((group) => group.policies)]
}

/** The state's request with `change` (another action or resource) and the evaluator's answer (explained unless told not to). */
export function evaluateState(state: QuestionState, change: Partial<Pick<PolicyRequest, 'action' | 'bucket' | 'object'>> = {}, options: { explain?: boolean } = {}): PrincipalDecision {
  const text = (id: string) => state.texts.get(id) ?? '{}'
  const { principal } = state
  const session = principal.sessionPolicy
  return evaluatePrincipal({
    userPolicies: principal.userPolicies.map(text),
    groups: principal.groups.map((group) => ({ name: group.name, enabled: group.enabled, policies: group.policies.map(text) })),
    ...(session === undefined ? {} : { accessKey: { sessionPolicy: session === 'inherit' ? 'inherit' : text(session) } }),
    isRoot: principal.isRoot === true,
    isOwner: principal.isOwner === true,
  }, { ...state.request, ...change }, { explain: options.explain !== false, traceAllowPass: true, cache: state.cache, ...(state.semantics ? { semantics: state.semantics } : {}) })
}

/**
 * The request map with `key` (a full name such as aws:SourceIp) set to `values`: the canonical
 * spelling is dropped so the evaluator reads the short name, as the tester's overrides do.
 */
export function withRequestValue(values: ConditionValues, key: string, replacement: string[]): ConditionValues {
  const short = shortKeyName(key)
  const out: ConditionValues = {}
  for (const [name, list] of Object.entries(values)) if (name !== short && name !== canonicalHeaderKey(short)) Object.defineProperty(out, name, { value: list, enumerable: true, writable: true, configurable: true })
  Object.defineProperty(out, short, { value: replacement, enumerable: true, writable: true, configurable: true })
  return out
}

/** The state after a candidate: changed texts, new documents attached to the user, the request value. */
export function applyCandidate(state: QuestionState, candidate: Candidate): QuestionState {
  const texts = new Map(state.texts)
  const names = new Map(state.names)
  for (const [id, document] of candidate.documents) texts.set(id, JSON.stringify(document))
  for (const document of candidate.newDocuments) {
    texts.set(document.id, document.text)
    names.set(document.id, document.name)
  }
  const added = candidate.newDocuments.map((document) => document.id).filter((id) => !state.principal.userPolicies.includes(id))
  const grown = added.length === 0 ? state.principal : { ...state.principal, userPolicies: [...state.principal.userPolicies, ...added] }
  const detached = new Set(candidate.detach ?? [])
  const principal = detached.size === 0 ? grown : {
    ...grown,
    userPolicies: grown.userPolicies.filter((id) => !detached.has(id)),
    groups: grown.groups.map((group) => ({ ...group, policies: group.policies.filter((id) => !detached.has(id)) })),
  }
  const request = candidate.requestValue
    ? { ...state.request, conditionValues: withRequestValue(state.request.conditionValues ?? {}, candidate.requestValue.key, candidate.requestValue.values) }
    : state.request
  return { texts, names, principal, request, semantics: state.semantics, cache: state.cache }
}
