/**
 * The conformance / CLI case runner (issue 3 "Case format"): every document goes through MinIO's
 * ParseConfig (a rejection answers `{id, error}` with MinIO's message); the accepted policies are
 * merged like a user's attached policies and evaluated once with the request's own IsOwner/DenyOnly.
 * The server's storage rules (§1.11) are deliberately not applied here.
 */
import { compileParsed } from './compile.ts'
import { withSemantics, type PolicySemantics } from './semantics.ts'
import { evaluate, GoPanic } from './evaluate.ts'
import { hasEmptyCommonKey } from './conditions/substitute.ts'
import type { ParsedPolicy } from './model.ts'
import { parseConfig } from './parse-config.ts'
import { wellFormed } from './text/utf8.ts'
import type { CaseOutcome, ConditionValues, PolicyCase, PolicyRequest } from './types.ts'

/** Go decodes request JSON into UTF-8: unpaired surrogates become U+FFFD. */
function normaliseValues(values: ConditionValues | undefined): ConditionValues {
  const out: ConditionValues = {}
  if (values === undefined || values === null) return out
  for (const [key, list] of Object.entries(values)) {
    const strings = Array.isArray(list) ? list.map((value) => wellFormed(String(value))) : []
    Object.defineProperty(out, wellFormed(key), { value: strings, enumerable: true, writable: true, configurable: true })
  }
  return out
}

function normaliseRequest(request: PolicyRequest): PolicyRequest {
  return {
    action: wellFormed(request.action ?? ''),
    bucket: wellFormed(request.bucket ?? ''),
    object: wellFormed(request.object ?? ''),
    isOwner: request.isOwner === true,
    denyOnly: request.denyOnly === true,
    conditionValues: normaliseValues(request.conditionValues),
    ...(request.account === undefined ? {} : { account: request.account }),
    ...(request.groups === undefined ? {} : { groups: request.groups }),
  }
}

/**
 * Evaluates one case exactly as MinIO's ParseConfig + MergePolicies + Policy.IsAllowed would.
 * Never throws for any input document; the error text is MinIO's message for the first rejected
 * document, or MinIO's panic text when a common key holds an empty list where MinIO substitutes
 * variables (v3.1.3 indexes [0] unchecked; where Go's random condition order decides whether it is
 * reached, we follow document order).
 */
export function evaluateCase(testCase: PolicyCase, options: { explain?: boolean; semantics?: PolicySemantics } = {}): CaseOutcome {
  const { semantics, ...rest } = options
  return withSemantics(semantics, () => evaluateCaseIn(testCase, rest))
}

function evaluateCaseIn(testCase: PolicyCase, options: { explain?: boolean }): CaseOutcome {
  const policies: ParsedPolicy[] = []
  for (const document of testCase.policies ?? []) {
    const parsed = parseConfig(document)
    if ('failure' in parsed) return { id: testCase.id, error: parsed.failure.message }
    policies.push(parsed.policy)
  }
  const request = normaliseRequest(testCase.request ?? { action: '' })
  let decision
  try {
    // MinIO v3.1.3 panics when it substitutes variables and a common key holds an empty list;
    // we answer with its panic text where it would reach that code (the oracle reports the same).
    decision = evaluate(compileParsed(policies), request, { ...options, mirrorPanics: hasEmptyCommonKey(request.conditionValues ?? {}) })
  } catch (error) {
    if (error instanceof GoPanic) return { id: testCase.id, error: error.message }
    throw error
  }
  return decision.explanation === undefined
    ? { id: testCase.id, allowed: decision.allowed }
    : { id: testCase.id, allowed: decision.allowed, explanation: decision.explanation }
}
