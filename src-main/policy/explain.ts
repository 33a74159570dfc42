/**
 * Turns the statement traces recorded during evaluation into the explanation: the effect, the
 * decisive statements and a one-sentence summary. It adds no logic of its own to the decision.
 */
import type { DecisionEffect, Explanation, PolicyRequest, StatementTrace } from './types.ts'

function label(trace: StatementTrace): string {
  const sid = trace.sid === undefined ? '' : ` (Sid "${trace.sid}")`
  return `policy ${trace.policyIndex + 1}, statement ${trace.statementIndex + 1}${sid}`
}

function summarise(effect: DecisionEffect, decisive: StatementTrace[], request: PolicyRequest): string {
  const target = `${request.action} on "${request.bucket ?? ''}${request.object ? '/' + request.object : ''}"`
  if (effect === 'explicitDeny') return `Denied: ${target} matches the Deny in ${decisive.map(label).join(', ')}.`
  if (effect === 'implicitDeny') return `Denied: no Allow statement matches ${target} (default deny).`
  if (decisive.length === 0) {
    const why = request.denyOnly === true ? 'a Deny-only check' : 'the owner'
    return `Allowed: no Deny matches ${target}, and this is ${why}, so Allow statements are not consulted.`
  }
  return `Allowed: ${target} matches the Allow in ${decisive.map(label).join(', ')}, and no Deny matches.`
}

/** Builds the explanation from the traces of the Deny pass and (when consulted) the Allow pass. */
export function buildExplanation(effect: DecisionEffect, statements: StatementTrace[], request: PolicyRequest): Explanation {
  const wanted = effect === 'explicitDeny' ? 'Deny' : 'Allow'
  const decisive = effect === 'implicitDeny' ? [] : statements.filter((trace) => trace.applies && trace.effect === wanted)
  return { effect, summary: summarise(effect, decisive, request), decisive, statements }
}
