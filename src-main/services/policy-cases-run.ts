import { evaluatePrincipal, toConditionValues } from '../policy/index.ts'
import { meetsExpectation, outcomeOf, type Expectation } from '../policy/suite-outcome.ts'

/** One saved case of a policy: a request asked of that policy alone, and the answer expected. */
export interface PolicyCase {
  name: string
  request: { action: string; bucket: string; object: string; conditions: Record<string, string[]> }
  /** A saved case asks what the policy allows; `error` (a rejected document) is not a saved expectation. */
  expect: Exclude<Expectation, 'error'>
}

export interface PolicyCaseResult {
  name: string
  expected: Expectation
  actual: string
  passed: boolean
  /** The evaluator's summary (or MinIO's rejection of the document). */
  detail: string
}

/**
 * Runs saved cases against a draft of the policy with the tester's evaluator (evaluatePrincipal, as
 * `gatehouse policy test` does for a case that names `policies`). Never throws for a failing case
 * or a broken draft: a draft MinIO rejects answers `error` in every case.
 */
export function runPolicyCases(text: string, cases: readonly PolicyCase[]): PolicyCaseResult[] {
  return cases.map((item) => {
    const { action, bucket, object, conditions } = item.request
    const decision = evaluatePrincipal({ userPolicies: [text] }, { action, bucket, object, conditionValues: toConditionValues(conditions) })
    const actual = outcomeOf(decision)
    return { name: item.name, expected: item.expect, actual, passed: meetsExpectation(item.expect, actual), detail: decision.error ?? decision.summary }
  })
}
