/**
 * Answers access questions over one deployment model: a cell (principal × request), who-can and
 * the effective-permissions matrix. Decisions are cached per distinct principal shape (same
 * policy lists, same group states), because thousands of users usually share a few policy sets;
 * where a matching statement reads the identity (`${aws:username}`, aws:username conditions) the
 * answer is per user and not cached. Where no matching statement has conditions, a plain
 * decision (no trace) settles a default deny; only allows and Denies are traced for their
 * deciding statements.
 */
import { CompileCache, evaluatePrincipal, type ConditionValues, type PrincipalDecision } from '../policy/index.ts'
import { blockedCell, cellOf, type AccessCell } from './access-cell.ts'
import { requestFor, type AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { allPrincipals, assemblePrincipal, SESSION_POLICY, type AssembledPrincipal, type PrincipalKind, type PrincipalRef, UserPartsCache } from './principals.ts'
import { PlainLevels } from './plain-levels.ts'
import { PolicyTraits, resourceTexts, type ActionTraits } from './policy-traits.ts'
import { conditionValuesFor, isDetermined, type Identity } from './request-context.ts'

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

/** One question as asked of many principals, worked out once (who-can asks it of every principal). */
interface Question {
  request: AccessRequest
  /** The request's implied values with the caller's on top. */
  conditions: SuppliedConditions
  /** The conditions alone, as a cache key ('' when none). */
  conditionsKey: string
  /** Request and conditions: the cache key of answers. */
  key: string
  supplied: ReadonlySet<string>
  /** The resource texts the traits compare statement prefixes with. */
  texts: readonly string[]
}

function questionOf(request: AccessRequest, supplied: SuppliedConditions): Question {
  const conditions = { ...request.implied, ...supplied }
  const names = Object.keys(conditions)
  const conditionsKey = names.length > 0 ? JSON.stringify(conditions) : ''
  const base = `${request.action}\u0000${request.bucket}\u0000${request.object}`
  return { request, conditions, conditionsKey, key: conditionsKey ? `${base}\u0000${conditionsKey}` : base, supplied: new Set(names), texts: resourceTexts(request) }
}

export class AccessAnalyzer {
  readonly model: DeploymentModel
  readonly #now: Date
  readonly #compiled = new CompileCache()
  readonly #plain = new PlainLevels(this.#compiled)
  // By kind, then by name or shape: the strings come from the model (their hashes are kept), none is built per lookup.
  readonly #principals: Record<PrincipalKind, Map<string, AssembledPrincipal>> = { user: new Map(), accessKey: new Map(), group: new Map() }
  readonly #parts = new UserPartsCache()
  readonly #traits = new PolicyTraits()
  /** What principals of one kind and shape share. */
  readonly #shapes: Record<PrincipalKind, Map<string, ShapeEntry>> = { user: new Map(), accessKey: new Map(), group: new Map() }
  /** The last condition-value map built: a matrix asks one identity with the same conditions thousands of times. */
  #lastValues: { identity: Identity; conditionsKey: string; values: ConditionValues } | undefined

  constructor(model: DeploymentModel, now: Date = new Date()) {
    this.model = model
    this.#now = now
  }

  principal(ref: PrincipalRef): AssembledPrincipal {
    const byName = this.#principals[ref.kind]
    let principal = byName.get(ref.name)
    if (!principal) {
      principal = assemblePrincipal(this.model, ref, this.#now, this.#parts)
      byName.set(ref.name, principal)
    }
    return principal
  }

  #shape(principal: AssembledPrincipal): ShapeEntry {
    const byShape = this.#shapes[principal.ref.kind]
    let entry = byShape.get(principal.shape)
    if (!entry) {
      entry = { traits: new Map(), cells: new Map(), levels: new Map() }
      byShape.set(principal.shape, entry)
    }
    return entry
  }

  #traitsOf(principal: AssembledPrincipal, entry: ShapeEntry, question: Question): ActionTraits {
    let traits = entry.traits.get(question.key)
    if (traits) return traits
    traits = { hasConditions: false, readsIdentity: false }
    for (const document of principal.documents) {
      const one = this.#traits.of(document, question.request, question.texts)
      traits.hasConditions ||= one.hasConditions
      traits.readsIdentity ||= one.readsIdentity
    }
    entry.traits.set(question.key, traits)
    return traits
  }

  /** The answer for one principal and request, from the evaluator. */
  cell(ref: PrincipalRef, request: AccessRequest, supplied: SuppliedConditions = {}): AccessCell {
    return this.#cellFor(this.principal(ref), questionOf(request, supplied))
  }

  #cellFor(principal: AssembledPrincipal, question: Question): AccessCell {
    if (principal.blocked) return blockedCell(principal.blocked)
    const entry = this.#shape(principal)
    const traits = this.#traitsOf(principal, entry, question)
    if (traits.readsIdentity) return this.#evaluate(principal, question, traits)
    let cell = entry.cells.get(question.key)
    if (!cell) {
      cell = this.#evaluate(principal, question, traits)
      entry.cells.set(question.key, cell)
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
    const question = questionOf(request, {})
    const entry = this.#shape(principal)
    const traits = this.#traitsOf(principal, entry, question)
    if (traits.hasConditions) return levelOf(this.#cellFor(principal, question))
    let level = traits.readsIdentity ? undefined : entry.levels.get(question.key)
    if (level === undefined) {
      // Per-document answers shared by every holder settle a plain question; the rest goes to the full evaluator.
      level = (traits.readsIdentity ? undefined : this.#plain.level(principal.input, request))
        ?? (evaluatePrincipal(principal.input, this.#arguments(principal, question), { cache: this.#compiled }).allowed ? 'allow' : 'none')
      if (!traits.readsIdentity) entry.levels.set(question.key, level)
    }
    return level
  }

  #arguments(principal: AssembledPrincipal, question: Question) {
    const { request } = question
    return { action: request.action, bucket: request.bucket, object: request.object, ...(principal.identity.userName ? { account: principal.identity.userName } : {}), conditionValues: this.#valuesFor(principal.identity, question) }
  }

  // The evaluator only reads the map, so one map serves every question with the same identity and conditions.
  #valuesFor(identity: Identity, question: Question): ConditionValues {
    const last = this.#lastValues
    if (last && last.conditionsKey === question.conditionsKey && last.identity.kind === identity.kind && last.identity.userName === identity.userName) return last.values
    const values = conditionValuesFor(identity, question.conditions)
    this.#lastValues = { identity, conditionsKey: question.conditionsKey, values }
    return values
  }

  #evaluate(principal: AssembledPrincipal, question: Question, traits: ActionTraits): AccessCell {
    const args = this.#arguments(principal, question)
    if (!traits.hasConditions) {
      const plain = evaluatePrincipal(principal.input, args, { cache: this.#compiled })
      if (plain.effect === 'implicitDeny') return defaultDeny(plain, question.request)
    }
    const decision = evaluatePrincipal(principal.input, args, { explain: true, traceAllowPass: true, cache: this.#compiled })
    return cellOf(decision, principal.parentPolicies, SESSION_POLICY, (key) => isDetermined(key, principal.identity, question.supplied))
  }

  /** Every user, access key and group for which some request context allows `request`. */
  whoCan(request: AccessRequest, supplied: SuppliedConditions = {}): WhoCanEntry[] {
    const question = questionOf(request, supplied)
    const allowed: WhoCanEntry[] = []
    for (const ref of allPrincipals(this.model)) {
      const cell = (ref.kind === 'user' ? this.#sharedUserCell(ref.name, question) : undefined) ?? this.#cellFor(this.principal(ref), question)
      if (cell.isPossible) allowed.push({ ...ref, ...cell })
    }
    return allowed
  }

  /**
   * The answer a user shares with its shape, when it is known already, without assembling the
   * user (who-can asks thousands who share a few shapes): the same cell #cellFor would return.
   * A disabled user is refused before any policy; undefined when the user needs the full road.
   */
  #sharedUserCell(name: string, question: Question): AccessCell | undefined {
    if (this.#principals.user.has(name)) return undefined
    const user = this.model.users.get(name)
    if (!user?.enabled) return undefined
    const entry = this.#shapes.user.get(this.#parts.get(this.model, user).shape)
    const traits = entry?.traits.get(question.key)
    return traits && !traits.readsIdentity ? entry?.cells.get(question.key) : undefined
  }

  /** The matrix of one principal: every action on every resource (`{bucket, object}` with its label). */
  matrix(ref: PrincipalRef, actions: readonly string[], resources: ReadonlyArray<{ label: string; bucket: string; object: string }>, supplied: SuppliedConditions = {}): MatrixCell[] {
    const principal = this.principal(ref)
    const cells: MatrixCell[] = []
    for (const action of actions) {
      for (const resource of resources) cells.push({ action, resource: resource.label, ...this.#cellFor(principal, questionOf(requestFor(action, resource), supplied)) })
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
