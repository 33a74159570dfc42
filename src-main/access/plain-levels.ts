/**
 * The level of a plain question (no statement that may apply has a condition or reads the
 * identity) from per-document answers: MinIO merges a user's and its enabled groups' policies and
 * evaluates them once, Deny first (any matching Deny statement denies), then Allow (any matching
 * Allow statement allows). Both are ORs over statements, so over documents too: each document is
 * evaluated once per request and shared by every principal holding it, instead of once per
 * distinct policy set. Cases that rule before policies (a disabled group, no policy at all) follow
 * the principal layer (policy/principal.ts `deniedBeforePolicies`); anything else — an access key's
 * session policy, a document that does not decode, owner or deny-only requests — is left to the
 * full evaluator (undefined).
 */
import { deniedBeforePolicies, evaluate, type CompileCache, type DecisionEffect, type PolicyDocument, type PrincipalInput } from '../policy/index.ts'
import type { AccessRequest } from './access-request.ts'

const NO_VALUES = Object.freeze({}) as Record<string, string[]>

export class PlainLevels {
  readonly #cache: CompileCache
  /** document → request (by object: the diff and who-can ask one request object of everyone) → effect, or null when it does not decode. */
  readonly #effects = new WeakMap<PolicyDocument, WeakMap<AccessRequest, DecisionEffect | null>>()
  /** Per principal input: its merged documents, or null when the principal layer denies before policies. */
  readonly #documents = new WeakMap<PrincipalInput, ReadonlyArray<PolicyDocument | string> | null>()

  constructor(cache: CompileCache) {
    this.#cache = cache
  }

  #effect(document: PolicyDocument, request: AccessRequest): DecisionEffect | null {
    let byRequest = this.#effects.get(document)
    if (!byRequest) {
      byRequest = new WeakMap()
      this.#effects.set(document, byRequest)
    }
    let effect = byRequest.get(request)
    if (effect === undefined) {
      const compiled = this.#cache.compile([document])
      effect = typeof compiled === 'string' ? null : evaluate(compiled.set, { action: request.action, bucket: request.bucket, object: request.object, conditionValues: NO_VALUES, isOwner: false, denyOnly: false }).effect
      byRequest.set(request, effect)
    }
    return effect
  }

  #documentsOf(input: PrincipalInput): ReadonlyArray<PolicyDocument | string> | null {
    let documents = this.#documents.get(input)
    if (documents === undefined) {
      const groups = input.groups ?? []
      const merged = [...input.userPolicies, ...groups.flatMap((group) => group.policies)]
      documents = deniedBeforePolicies({ groups, policyCount: merged.length }) ? null : merged
      this.#documents.set(input, documents)
    }
    return documents
  }

  /** 'allow' or 'none' as the principal layer and MinIO's merged evaluation would answer; undefined where this shortcut does not apply. */
  level(input: PrincipalInput, request: AccessRequest): 'allow' | 'none' | undefined {
    if (input.isRoot || input.isOwner || input.denyOnly || input.accessKey?.sessionPolicy !== undefined && input.accessKey.sessionPolicy !== 'inherit') return undefined
    const documents = this.#documentsOf(input)
    if (documents === null) return 'none'
    let isAllowed = false
    for (const document of documents) {
      if (typeof document === 'string') return undefined
      const effect = this.#effect(document, request)
      if (effect === null) return undefined
      // MinIO: explicit Deny wins over any Allow, in whichever attached policy it is.
      if (effect === 'explicitDeny') return 'none'
      if (effect === 'allow') isAllowed = true
    }
    return isAllowed ? 'allow' : 'none'
  }
}
