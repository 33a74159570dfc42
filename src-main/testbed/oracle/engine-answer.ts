import { compilePolicies, evaluate, evaluateCase, validatePolicy } from '../../policy/index.ts'
import type { PolicyCase as EngineCase, PolicyDocument, PolicyRequest } from '../../policy/types.ts'
import type { EngineAnswer } from './differential.ts'
import type { PolicyCase } from '../policy-fuzz/generate-case.ts'

// Every fifth case also goes through the app's paths: an accepted case through compilePolicies
// (stored-policy decode), the same compiled set evaluated twice (the second time from its action
// cache) and once with an explanation; a rejected one through validatePolicy. Any disagreement
// with the case runner is reported as a finding.
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

// The editor and `policy validate` use validatePolicy: whatever ParseConfig rejects, it must
// reject with the same message (it may add the server's own storage rules on top).
function validationAgrees(testCase: PolicyCase, error: string): string | undefined {
  const documents = testCase.policies
  if (documents.length !== 1) return undefined
  const issues = validatePolicy(documents[0] as PolicyDocument | string, { kind: 'session' })
  if (issues.some((issue) => issue.severity === 'error' && issue.message === error)) return undefined
  return `validatePolicy does not report evaluateCase's error "${error}"; it reports ${JSON.stringify(issues.map((issue) => issue.message))}`
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
    const index = Number(testCase.id.slice(testCase.id.lastIndexOf('-') + 1))
    const sampled = index % CROSS_CHECK_EVERY === 0
    if ('error' in outcome) {
      const disagreement = sampled ? validationAgrees(testCase, outcome.error) : undefined
      return disagreement ? { id: testCase.id, threw: disagreement } : { id: testCase.id, error: outcome.error }
    }
    const disagreement = sampled ? crossCheck(testCase, outcome.allowed) : undefined
    return disagreement ? { id: testCase.id, threw: disagreement } : { id: testCase.id, allowed: outcome.allowed }
  } catch (error) {
    return { id: testCase.id, threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}
