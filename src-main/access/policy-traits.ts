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

/** What a statement that matches an action could do to a request, read once per statement. */
interface StatementFacts {
  effect: 'Allow' | 'Deny'
  /** Literal prefixes of its Resource patterns; undefined when it may reach any resource (not S3, no Resource, NotResource). */
  prefixes: string[] | undefined
  hasConditions: boolean
  readsIdentity: boolean
}

/** The resource texts a statement's literal prefix is compared with: as asked and cleaned. */
export function resourceTexts(request: { bucket: string; object: string }): readonly string[] {
  const resource = requestResource(request.bucket, request.object)
  return [resource, cleanResource(resource)]
}

/** Per document (by identity) and action, the candidate statements' facts, computed once. */
export class PolicyTraits {
  readonly #sets = new WeakMap<PolicyDocument, ReturnType<typeof compilePolicies>>()
  readonly #facts = new WeakMap<PolicyDocument, Map<string, StatementFacts[]>>()

  /** `texts` are resourceTexts(request), passed when the caller asks about several documents. */
  of(document: PolicyDocument, request: { action: string; bucket: string; object: string }, texts: readonly string[] = resourceTexts(request)): ActionTraits {
    const traits = { hasConditions: false, readsIdentity: false }
    for (const facts of this.#factsOf(document, request.action)) {
      if (facts.prefixes !== undefined && !facts.prefixes.some((prefix) => texts.some((text) => text.startsWith(prefix)))) continue
      traits.hasConditions ||= facts.hasConditions
      traits.readsIdentity ||= facts.readsIdentity
    }
    return traits
  }

  /**
   * Whether some Allow statement of the document may apply to the request (the same
   * over-approximation): false means no holder of this document alone can be allowed it.
   */
  mayAllow(document: PolicyDocument, request: { action: string; bucket: string; object: string }, texts: readonly string[] = resourceTexts(request)): boolean {
    return this.#factsOf(document, request.action).some((facts) => facts.effect === 'Allow' && (facts.prefixes === undefined || facts.prefixes.some((prefix) => texts.some((text) => text.startsWith(prefix)))))
  }

  #factsOf(document: PolicyDocument, action: string): StatementFacts[] {
    let byAction = this.#facts.get(document)
    if (!byAction) {
      byAction = new Map()
      this.#facts.set(document, byAction)
    }
    let facts = byAction.get(action)
    if (!facts) {
      // A document that does not decode denies everything: no candidates, nothing conditional, nothing per user.
      const { denies, allows } = candidatesFor(compiledOf(document, this.#sets), action)
      facts = [...denies, ...allows].map(factsOf)
      byAction.set(action, facts)
    }
    return facts
  }

}

function compiledOf(document: PolicyDocument, sets: WeakMap<PolicyDocument, ReturnType<typeof compilePolicies>>): ReturnType<typeof compilePolicies> {
  let set = sets.get(document)
  if (!set) {
    set = compilePolicies([document])
    sets.set(document, set)
  }
  return set
}

function factsOf(statement: CompiledStatement): StatementFacts {
  const mayReachAny = statement.kind !== 's3' || statement.resources.length === 0 || statement.notResources.length > 0
  return {
    effect: statement.effect,
    prefixes: mayReachAny ? undefined : statement.resources.map((resource) => literalPrefix(resource.pattern)),
    hasConditions: statement.conditions.length > 0,
    readsIdentity:
      [...statement.resources, ...statement.notResources].some((resource) => resource.hasVariable) ||
      statement.conditions.some((condition) => isIdentityKey(condition.key.name) || condition.stored.values.some((value) => value.includes('${'))),
  }
}

function literalPrefix(pattern: string): string {
  const end = pattern.search(/[$*?]/)
  return end < 0 ? pattern : pattern.slice(0, end)
}
