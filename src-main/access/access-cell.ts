/**
 * One access question for one principal, answered by the exact evaluator, and whether the answer
 * depends on the request context ("conditional").
 *
 * Method (derived from the evaluator's own trace, never from resource strings): the principal is
 * evaluated with `explain` and `traceAllowPass`, so every statement whose action part matches is
 * traced with its resource match and each condition's result. A statement is OPEN when its action
 * and resource match, at least one of its conditions is on a key the request decides (not fixed by
 * the identity, not supplied by the caller; see request-context.ts), and every condition on a
 * fixed or supplied key holds. An open statement may apply or not depending on the request. MinIO's
 * decision is monotone (more Allows applying can only allow, more Denies can only deny), so:
 *   best  = no Deny applies for certain, and some Allow applies or is open;
 *   worst = no Deny applies or is open, and some Allow applies for certain.
 * The cell is conditional when best ≠ worst; the keys named are those of the open statements.
 * For an access key both the parent's and the session policy's decisions must allow (the principal
 * layer's rule), so best and worst are each the AND of the two parts.
 */
import type { Decision, DecisionEffect, PrincipalDecision, StatementTrace } from '../policy/index.ts'
import type { Blocked } from './principals.ts'

export interface DecidingStatement {
  policy: string
  /** 1-based position in the policy's Statement list, as the tester's explanations count. */
  statement: number
  sid?: string
  effect: 'Allow' | 'Deny'
}

export interface AccessCell {
  /** The evaluator's decision for the request as given (supplied condition values + identity). */
  effect: DecisionEffect
  /** Some request context allows it (equals `effect === 'allow'` when not conditional). */
  isPossible: boolean
  isConditional: boolean
  /** Condition keys the answer depends on (full names, sorted); empty when not conditional. */
  conditionKeys: string[]
  /** The statements that decide (or, when conditional, could decide) the answer. */
  decidedBy: DecidingStatement[]
  reason: PrincipalDecision['reason'] | Blocked['reason']
  summary: string
}

interface PartBounds {
  best: boolean
  worst: boolean
  keys: Set<string>
  /** Traces worth naming: the applying or open statements of the side that decides. */
  allows: StatementTrace[]
  denies: StatementTrace[]
}

type KeyTest = (key: string) => boolean

function isOpen(trace: StatementTrace, isDetermined: KeyTest): boolean {
  if (!trace.actionMatched || !trace.resourceMatched) return false
  const undecided = trace.conditions.filter((condition) => !isDetermined(condition.key))
  return undecided.length > 0 && trace.conditions.every((condition) => condition.matched || !isDetermined(condition.key))
}

function boundsOf(decision: Decision, isDetermined: KeyTest): PartBounds {
  const keys = new Set<string>()
  const sure = { Allow: false, Deny: false }
  const maybe = { Allow: false, Deny: false }
  const allows: StatementTrace[] = []
  const denies: StatementTrace[] = []
  for (const trace of decision.explanation?.statements ?? []) {
    const open = isOpen(trace, isDetermined)
    if (!open && !trace.applies) continue
    if (open) for (const condition of trace.conditions) if (!isDetermined(condition.key)) keys.add(condition.key)
    if (trace.applies && !open) sure[trace.effect] = true
    maybe[trace.effect] = true
    ;(trace.effect === 'Allow' ? allows : denies).push(trace)
  }
  return { best: !sure.Deny && maybe.Allow, worst: !maybe.Deny && sure.Allow, keys, allows, denies }
}

const ALWAYS: PartBounds = { best: true, worst: true, keys: new Set(), allows: [], denies: [] }

function deciding(traces: StatementTrace[], name: (trace: StatementTrace) => string): DecidingStatement[] {
  return traces.map((trace) => ({ policy: name(trace), statement: trace.statementIndex + 1, ...(trace.sid === undefined ? {} : { sid: trace.sid }), effect: trace.effect }))
}

/**
 * The cell for a principal decision. `parentPolicies[i]` names the parent document of trace
 * policyIndex i; `sessionName` names the session policy.
 */
export function cellOf(decision: PrincipalDecision, parentPolicies: readonly string[], sessionName: string, isDetermined: KeyTest): AccessCell {
  const base = { effect: decision.effect, reason: decision.reason, summary: decision.summary }
  if (decision.reason !== 'evaluated' && decision.reason !== 'sessionPolicyDenied') {
    return { ...base, isPossible: decision.allowed, isConditional: false, conditionKeys: [], decidedBy: [] }
  }
  const parent = decision.parent ? boundsOf(decision.parent, isDetermined) : ALWAYS
  const session = decision.session ? boundsOf(decision.session, isDetermined) : ALWAYS
  const best = parent.best && session.best
  const worst = parent.worst && session.worst
  const isConditional = best !== worst
  const parentName = (trace: StatementTrace) => parentPolicies[trace.policyIndex] ?? `policy ${trace.policyIndex + 1}`
  const sessionLabel = () => sessionName
  // Allowed (or possibly): the Allows that grant it; denied: the Denies (and for a conditional
  // deny, the open Allows that could grant it).
  const pick = (part: PartBounds) => (best ? [...part.allows, ...(isConditional ? part.denies : [])] : part.denies)
  const decidedBy = [...deciding(pick(parent), parentName), ...deciding(pick(session), sessionLabel)]
  const conditionKeys = isConditional ? [...new Set([...parent.keys, ...session.keys])].sort() : []
  return { ...base, isPossible: best, isConditional, conditionKeys, decidedBy }
}

/** The cell of a credential refused before any policy is evaluated. */
export function blockedCell(blocked: Blocked): AccessCell {
  return { effect: 'implicitDeny', isPossible: false, isConditional: false, conditionKeys: [], decidedBy: [], reason: blocked.reason, summary: blocked.summary }
}
