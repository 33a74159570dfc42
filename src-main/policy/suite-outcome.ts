/**
 * What a policy unit test (the `gatehouse policy test` suite format) expects and what a decision
 * answers, in the suite's words. Shared by the CLI's suite runner and the editor's saved cases, so
 * both judge a case the same way. Pure: no node:*, no DOM.
 */
import type { PrincipalDecision } from './types.ts'

export const EXPECTATIONS = ['allow', 'deny', 'explicitDeny', 'implicitDeny', 'error'] as const
export type Expectation = (typeof EXPECTATIONS)[number]

/** The decision as a suite names it: `error` when a document is rejected. */
export function outcomeOf(decision: PrincipalDecision): Exclude<Expectation, 'deny'> {
  return decision.reason === 'invalidPolicy' ? 'error' : decision.effect === 'allow' ? 'allow' : decision.effect
}

/** `deny` accepts either kind of deny; every other expectation must be met exactly. */
export function meetsExpectation(expected: Expectation, actual: string): boolean {
  return expected === actual || (expected === 'deny' && (actual === 'explicitDeny' || actual === 'implicitDeny'))
}
