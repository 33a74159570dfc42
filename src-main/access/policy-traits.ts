/**
 * What one policy can make of one request, read from its compiled statements: whether a statement
 * that may apply has conditions (the answer may be conditional) and whether it reads the signer's
 * identity (`${aws:username}` in a resource or value, or a condition on an identity key), so the
 * answer may differ between users with the same policies. A statement may apply when its action
 * part matches and, for S3 statements, a Resource pattern's literal text before its first `$`, `*`
 * or `?` begins the request resource (no substitution or wildcard can change that text), or it
 * uses NotResource. These over-approximations choose how much work and caching a question needs;
 * they never decide an answer.
 */
import { candidatesFor, type CompiledStatement } from '../policy/compile.ts'
import { compilePolicies, type PolicyDocument } from '../policy/index.ts'
import { cleanResource, requestResource } from '../policy/resource.ts'

export interface ActionTraits {
  hasConditions: boolean
  readsIdentity: boolean
}

const IDENTITY_KEYS = new Set(['aws:username', 'aws:userid', 'aws:principaltype', 'aws:groups'])
const isIdentityKey = (name: string) => IDENTITY_KEYS.has(name) || name.startsWith('ldap:') || name.startsWith('jwt:')

/** Per document (by identity) and action, computed once. */
export class PolicyTraits {
  readonly #sets = new WeakMap<PolicyDocument, ReturnType<typeof compilePolicies>>()
  readonly #traits = new WeakMap<PolicyDocument, Map<string, ActionTraits>>()
  /** The same answers by request object: a diff asks one request of many documents, so no key string is built per call. */
  readonly #byRequest = new WeakMap<object, Map<PolicyDocument, ActionTraits>>()

  of(document: PolicyDocument, request: { action: string; bucket: string; object: string }): ActionTraits {
    let byDocument = this.#byRequest.get(request)
    if (!byDocument) {
      byDocument = new Map()
      this.#byRequest.set(request, byDocument)
    }
    let known = byDocument.get(document)
    if (!known) {
      known = this.#byKey(document, request)
      byDocument.set(document, known)
    }
    return known
  }

  #byKey(document: PolicyDocument, request: { action: string; bucket: string; object: string }): ActionTraits {
    let byRequest = this.#traits.get(document)
    if (!byRequest) {
      byRequest = new Map()
      this.#traits.set(document, byRequest)
    }
    const key = `${request.action}\u0000${request.bucket}\u0000${request.object}`
    let traits = byRequest.get(key)
    if (!traits) {
      traits = this.#compute(document, request)
      byRequest.set(key, traits)
    }
    return traits
  }

  #compute(document: PolicyDocument, request: { action: string; bucket: string; object: string }): ActionTraits {
    let set = this.#sets.get(document)
    if (!set) {
      set = compilePolicies([document])
      this.#sets.set(document, set)
    }
    // A document that does not decode denies everything: nothing conditional, nothing per user.
    const { denies, allows } = candidatesFor(set, request.action)
    const resource = requestResource(request.bucket, request.object)
    const texts = [resource, cleanResource(resource)]
    const statements = [...denies, ...allows].filter((statement) => mayReach(statement, texts))
    return {
      hasConditions: statements.some((statement) => statement.conditions.length > 0),
      readsIdentity: statements.some(
        (statement) =>
          [...statement.resources, ...statement.notResources].some((resource) => resource.hasVariable) ||
          statement.conditions.some((condition) => isIdentityKey(condition.key.name) || condition.stored.values.some((value) => value.includes('${'))),
      ),
    }
  }
}

function literalPrefix(pattern: string): string {
  const end = pattern.search(/[$*?]/)
  return end < 0 ? pattern : pattern.slice(0, end)
}

function mayReach(statement: CompiledStatement, texts: readonly string[]): boolean {
  if (statement.kind !== 's3' || statement.resources.length === 0 || statement.notResources.length > 0) return true
  return statement.resources.some((resource) => {
    const prefix = literalPrefix(resource.pattern)
    return texts.some((text) => text.startsWith(prefix))
  })
}
