import { evaluateCase } from '../index.ts'
import type { PolicyCase as EngineCase } from '../types.ts'
import type { EngineAnswer } from './differential.ts'
import type { PolicyCase } from './generate-case.ts'

/**
 * Answers a generated case with our engine, in the oracle's output shape. A thrown exception is a
 * finding, not a crash of the run: it comes back as `{threw}` and counts as a disagreement.
 */
export function engineAnswer(testCase: PolicyCase): EngineAnswer {
  try {
    // Generated cases may hold a `null` document on purpose (Go decodes it as an empty policy).
    const outcome = evaluateCase(testCase as unknown as EngineCase)
    return 'error' in outcome ? { id: testCase.id, error: outcome.error } : { id: testCase.id, allowed: outcome.allowed }
  } catch (error) {
    return { id: testCase.id, threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}
