/**
 * Answers access questions over one deployment model: a cell (principal × request), who-can and
 * the effective-permissions matrix. Decisions are cached per distinct principal shape (same
 * policy lists, same group states), because thousands of users usually share a few policy sets;
 * where a matching statement reads the identity (`${aws:username}`, aws:username conditions) the
 * answer is per user and not cached. Where no matching statement has conditions, a plain
 * decision (no trace) settles a default deny; only allows and Denies are traced for their
 * deciding statements.
 */
import { CompileCache, evaluatePrincipal, type PrincipalDecision } from '../policy/index.ts'
import { blockedCell, cellOf, type AccessCell } from './access-cell.ts'
import { requestFor, type AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { allPrincipals, assemblePrincipal, SESSION_POLICY, type AssembledPrincipal, type PrincipalRef } from './principals.ts'
import { PlainLevels } from './plain-levels.ts'
import { PolicyTraits, type ActionTraits } from './policy-traits.ts'
import { conditionValuesFor, isDetermined } from './request-context.ts'

// Where no statement that may apply has a condition or reads the identity, the condition values
// cannot change the decision: one empty map serves every such plain evaluation.
const NO_CONDITION_VALUES = Object.freeze({}) as Record<string, string[]>

export type SuppliedConditions = Readonly<Record<string, readonly string[]>>

export interface WhoCanEntry extends PrincipalRef, AccessCell {}

export interface MatrixCell extends AccessCell {
  action: string
  resource: string
}

/** How much of an access a principal has: none, in some request contexts, or always. */
export type AccessLevel = 'none' | 'conditional' | 'allow'

export function levelOf(cell: AccessCell): AccessLevel {
  if (!cell.isPossible) return 'none'
  return cell.isConditional ? 'conditional' : 'allow'
}

/** What principals of one shape share: per request, the traits and (unless per user) the answers. */
interface ShapeEntry {
  traits: Map<string, ActionTraits>
  cells: Map<string, AccessCell>
  levels: Map<string, AccessLevel>
}

export class AccessAnalyzer {
  readonly model: DeploymentModel
  readonly #now: Date
  readonly #compiled = new CompileCache()
  readonly #plain = new PlainLevels(this.#compiled)
  readonly #principals = new Map<string, AssembledPrincipal>()
  readonly #byRef = new WeakMap<PrincipalRef, AssembledPrincipal>()
  readonly #traits = new PolicyTraits()
  /** kind + shape → what its principals share. */
  readonly #shapes = new Map<string, ShapeEntry>()
  /** Each assembled principal's entry, so a hot loop does not rebuild the shape key per question. */
  readonly #entryOf = new WeakMap<AssembledPrincipal, ShapeEntry>()
  /** A request's key without supplied conditions (the diff asks the same request objects of every principal). */
  readonly #plainKeys = new WeakMap<AccessRequest, string>()

  constructor(model: DeploymentModel, now: Date = new Date()) {
    this.model = model
    this.#now = now
  }

  principal(ref: PrincipalRef): AssembledPrincipal {
    // A diff asks one ref object many questions: found by the object first, no id string per question.
    const seen = this.#byRef.get(ref)
    if (seen) return seen
    const id = `${ref.kind}:${ref.name}`
    let principal = this.#principals.get(id)
    if (!principal) {
      principal = assemblePrincipal(this.model, ref, this.#now)
      this.#principals.set(id, principal)
    }
    this.#byRef.set(ref, principal)
    return principal
  }

  #shape(principal: AssembledPrincipal): ShapeEntry {
    const known = this.#entryOf.get(principal)
    if (known) return known
    const key = `${principal.ref.kind}|${principal.shape}`
    let entry = this.#shapes.get(key)
    if (!entry) {
      entry = { traits: new Map(), cells: new Map(), levels: new Map() }
      this.#shapes.set(key, entry)
    }
    this.#entryOf.set(principal, entry)
    return entry
  }

  #plainKey(request: AccessRequest): string {
    let key = this.#plainKeys.get(request)
    if (key === undefined) {
      key = requestKey(request, request.implied)
      this.#plainKeys.set(request, key)
    }
    return key
  }

  #traitsOf(principal: AssembledPrincipal, entry: ShapeEntry, request: AccessRequest, requestKey: string): ActionTraits {
    let traits = entry.traits.get(requestKey)
    if (traits) return traits
    traits = { hasConditions: false, readsIdentity: false }
    for (const document of principal.documents) {
      const one = this.#traits.of(document, request)
      traits.hasConditions ||= one.hasConditions
      traits.readsIdentity ||= one.readsIdentity
    }
    entry.traits.set(requestKey, traits)
    return traits
  }

  /** The answer for one principal and request, from the evaluator. */
  cell(ref: PrincipalRef, request: AccessRequest, supplied: SuppliedConditions = {}): AccessCell {
    const principal = this.principal(ref)
    if (principal.blocked) return blockedCell(principal.blocked)
    const conditions = { ...request.implied, ...supplied }
    const key = requestKey(request, conditions)
    const entry = this.#shape(principal)
    const traits = this.#traitsOf(principal, entry, request, key)
    if (traits.readsIdentity) return this.#evaluate(principal, request, conditions, traits)
    let cell = entry.cells.get(key)
    if (!cell) {
      cell = this.#evaluate(principal, request, conditions, traits)
      entry.cells.set(key, cell)
    }
    return cell
  }

  /**
   * Only the level (none, conditional, allow): where no statement that may apply has conditions,
   * the plain decision settles it without tracing (what the diff and the impact preview need).
   */
  level(ref: PrincipalRef, request: AccessRequest): AccessLevel {
    const principal = this.principal(ref)
    if (principal.blocked) return 'none'
    const key = this.#plainKey(request)
    const entry = this.#shape(principal)
    const traits = this.#traitsOf(principal, entry, request, key)
    if (traits.hasConditions) return levelOf(this.cell(ref, request))
    let level = traits.readsIdentity ? undefined : entry.levels.get(key)
    if (level === undefined) {
      const args = traits.readsIdentity ? this.#arguments(principal, request, request.implied) : { action: request.action, bucket: request.bucket, object: request.object, ...(principal.identity.userName ? { account: principal.identity.userName } : {}), conditionValues: NO_CONDITION_VALUES }
      level = (traits.readsIdentity ? undefined : this.#plain.level(principal.input, request)) ?? (evaluatePrincipal(principal.input, args, { cache: this.#compiled }).allowed ? 'allow' : 'none')
      if (!traits.readsIdentity) entry.levels.set(key, level)
    }
    return level
  }

  #arguments(principal: AssembledPrincipal, request: AccessRequest, conditions: SuppliedConditions) {
    return { action: request.action, bucket: request.bucket, object: request.object, ...(principal.identity.userName ? { account: principal.identity.userName } : {}), conditionValues: conditionValuesFor(principal.identity, conditions) }
  }

  #evaluate(principal: AssembledPrincipal, request: AccessRequest, conditions: SuppliedConditions, traits: ActionTraits): AccessCell {
    const args = this.#arguments(principal, request, conditions)
    if (!traits.hasConditions) {
      const plain = evaluatePrincipal(principal.input, args, { cache: this.#compiled })
      if (plain.effect === 'implicitDeny') return defaultDeny(plain, request)
    }
    const decision = evaluatePrincipal(principal.input, args, { explain: true, traceAllowPass: true, cache: this.#compiled })
    const supplied = new Set(Object.keys(conditions))
    return cellOf(decision, principal.parentPolicies, SESSION_POLICY, (key) => isDetermined(key, principal.identity, supplied))
  }

  /** Every user, access key and group for which some request context allows `request`. */
  whoCan(request: AccessRequest, supplied: SuppliedConditions = {}): WhoCanEntry[] {
    const allowed: WhoCanEntry[] = []
    for (const ref of allPrincipals(this.model)) {
      const cell = this.cell(ref, request, supplied)
      if (cell.isPossible) allowed.push({ ...ref, ...cell })
    }
    return allowed
  }

  /** The matrix of one principal: every action on every resource (`{bucket, object}` with its label). */
  matrix(ref: PrincipalRef, actions: readonly string[], resources: ReadonlyArray<{ label: string; bucket: string; object: string }>, supplied: SuppliedConditions = {}): MatrixCell[] {
    const cells: MatrixCell[] = []
    for (const action of actions) {
      for (const resource of resources) cells.push({ action, resource: resource.label, ...this.cell(ref, requestFor(action, resource), supplied) })
    }
    return cells
  }
}

/** A default deny with no conditions in play: nothing decides it, nothing could change it. */
function defaultDeny(plain: PrincipalDecision, request: AccessRequest): AccessCell {
  const target = `${request.action} on "${request.bucket}${request.object ? `/${request.object}` : ''}"`
  // The principal layer words its own refusals; the evaluator's is the explanation's sentence.
  const summary = plain.reason === 'evaluated' ? `Denied: no Allow statement matches ${target} (default deny).` : plain.summary
  return { effect: 'implicitDeny', isPossible: false, isConditional: false, conditionKeys: [], decidedBy: [], reason: plain.reason, summary }
}

function requestKey(request: AccessRequest, conditions: SuppliedConditions): string {
  const base = `${request.action}\u0000${request.bucket}\u0000${request.object}`
  return Object.keys(conditions).length > 0 ? `${base}\u0000${JSON.stringify(conditions)}` : base
}
