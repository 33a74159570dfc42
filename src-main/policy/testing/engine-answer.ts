import { compilePolicies, evaluate, evaluateCase } from '../index.ts'
import type { PolicyCase as EngineCase, PolicyDocument, PolicyRequest } from '../types.ts'
import type { EngineAnswer } from './differential.ts'
import type { PolicyCase } from './generate-case.ts'

// Every fifth case also goes through the app's path: compilePolicies (stored-policy decode), the
// same compiled set evaluated twice (the second time from its action cache) and once with an
// explanation. Any disagreement with the case runner is reported as a finding.
const CROSS_CHECK_EVERY = 5

function crossCheck(testCase: PolicyCase, allowed: boolean): string | undefined {
  const set = compilePolicies(testCase.policies as Array<PolicyDocument | string>)
  const request = testCase.request as PolicyRequest
  const first = evaluate(set, request).allowed
  const again = evaluate(set, request).allowed
  const explained = evaluate(set, request, { explain: true })
  const effect = explained.explanation?.effect
  if (first === allowed && again === allowed && explained.allowed === allowed && (effect === 'allow') === allowed) return undefined
  return `compiled/explained path disagrees with evaluateCase (${allowed}): compiled ${first}, cached ${again}, explained ${explained.allowed} with effect ${effect}`
}

/**
 * Answers a generated case with our engine, in the oracle's output shape. A thrown exception (or
 * a cross-check disagreement) is a finding, not a crash of the run: it comes back as `{threw}`
 * and counts as a disagreement.
 */
export function engineAnswer(testCase: PolicyCase): EngineAnswer {
  try {
    // Generated cases may hold a `null` document on purpose (Go decodes it as an empty policy).
    const outcome = evaluateCase(testCase as unknown as EngineCase)
    if ('error' in outcome) return { id: testCase.id, error: outcome.error }
    const index = Number(testCase.id.slice(testCase.id.lastIndexOf('-') + 1))
    const disagreement = index % CROSS_CHECK_EVERY === 0 ? crossCheck(testCase, outcome.allowed) : undefined
    return disagreement ? { id: testCase.id, threw: disagreement } : { id: testCase.id, allowed: outcome.allowed }
  } catch (error) {
    return { id: testCase.id, threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}
