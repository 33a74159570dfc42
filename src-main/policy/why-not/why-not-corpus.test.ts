// Every suggestion cross-checked with the evaluator on a seeded random corpus (the policy fuzzer's
// cases): the changed documents and request value, taken from the suggestion alone, must make
// evaluatePrincipal allow the question. Seed: GATEHOUSE_WHYNOT_SEED (printed), size: GATEHOUSE_WHYNOT_CASES.
import { describe, expect, it } from 'vitest'
import { evaluatePrincipal } from '../principal.ts'
import { shortKeyName } from '../conditions/keys.ts'
import { canonicalHeaderKey } from '../text/go-text.ts'
import { generateCases } from '../../testbed/policy-fuzz/generate-case.ts'
import { randomSeed } from '../../testbed/policy-fuzz/seeded-random.ts'
import type { ConditionValues, PolicyRequest } from '../types.ts'
import { whyNot } from './why-not.ts'
import type { WhyNotQuestion, WhyNotSuggestion } from './types.ts'

const SEED = Number(process.env.GATEHOUSE_WHYNOT_SEED ?? randomSeed()) >>> 0
const CASES = Number(process.env.GATEHOUSE_WHYNOT_CASES ?? 600)

function withValue(values: ConditionValues, key: string, replacement: string[]): ConditionValues {
  const short = shortKeyName(key)
  const out: ConditionValues = Object.fromEntries(Object.entries(values).filter(([name]) => name !== short && name !== canonicalHeaderKey(short)))
  out[short] = replacement
  return out
}

/** The kind of a denial left without a suggestion, for the printed breakdown (what to work on next). */
function kindOfDenial(asked: WhyNotQuestion, note: string | undefined): string {
  if (note) return `no change can allow it (said why): ${note.includes('names a bucket') ? 'S3 request without a bucket' : note.includes('never checks the action') ? 'an action no request carries' : 'other'}`
  const decision = evaluatePrincipal({ userPolicies: asked.documents.map((document) => document.text) }, asked.request, { explain: true })
  const explanation = decision.parent?.explanation
  if (decision.reason === 'noPolicies') return 'no policies'
  if (!explanation) return `${decision.reason}: no explanation`
  if (explanation.effect === 'explicitDeny') {
    const deny = explanation.decisive[0]
    let statements: number
    try {
      const document = JSON.parse(asked.documents[deny?.policyIndex ?? 0]?.text ?? '') as { Statement?: unknown }
      statements = Array.isArray(document.Statement) ? document.Statement.length : document.Statement ? 1 : 0
    } catch {
      statements = -1
    }
    return `explicit Deny${statements === 1 ? ', the only statement of its policy' : statements < 0 ? ' in raw JSON text' : ''}${deny && deny.conditions.length > 0 ? ', conditional' : ''}`
  }
  const allows = explanation.statements.filter((trace) => trace.effect === 'Allow')
  if (allows.length === 0) return 'implicit deny, no Allow statement'
  return `implicit deny, the closest Allow fails on its ${allows.some((trace) => trace.actionMatched && trace.resourceMatched) ? 'conditions' : allows.some((trace) => trace.actionMatched) ? 'resource' : 'action'}`
}

function allowsAfter(asked: WhyNotQuestion, suggestion: WhyNotSuggestion): boolean {
  const texts = new Map(asked.documents.map((document) => [document.id, document.text]))
  for (const change of suggestion.changes) texts.set(change.documentId, change.after)
  const detached = new Set((suggestion.detach ?? []).map((item) => item.documentId))
  const ids = [...asked.principal.userPolicies, ...suggestion.changes.filter((change) => change.isNew).map((change) => change.documentId)].filter((id) => !detached.has(id))
  const values = suggestion.requestChange ? withValue(asked.request.conditionValues ?? {}, suggestion.requestChange.key, suggestion.requestChange.values) : asked.request.conditionValues
  return evaluatePrincipal({ userPolicies: ids.map((id) => texts.get(id) as string) }, { ...asked.request, ...(values ? { conditionValues: values } : {}) }).allowed
}

describe('whyNot on a seeded random corpus', () => {
  it(`every suggestion allows when re-evaluated (seed ${SEED}, ${CASES} cases)`, () => {
    let denied = 0
    let answered = 0
    let suggestions = 0
    let said = 0
    const left = new Map<string, number>()
    const failures: string[] = []
    for (const testCase of generateCases(SEED, CASES)) {
      const documents = testCase.policies.map((policy, index) => ({ id: `d${index}`, name: `policy-${index}`, text: typeof policy === 'string' ? policy : JSON.stringify(policy) }))
      const request: PolicyRequest = { ...testCase.request }
      const asked: WhyNotQuestion = { documents, principal: { userPolicies: documents.map((document) => document.id), groups: [] }, request }
      const before = evaluatePrincipal({ userPolicies: documents.map((document) => document.text) }, request)
      if (before.allowed || before.reason === 'invalidPolicy') continue
      denied++
      const result = whyNot(asked)
      expect(result.allowed).toBe(false)
      if (result.suggestions.length > 0) answered++
      else {
        if (result.note) said++
        const kind = kindOfDenial(asked, result.note)
        left.set(kind, (left.get(kind) ?? 0) + 1)
      }
      for (const suggestion of result.suggestions) {
        suggestions++
        if (!allowsAfter(asked, suggestion)) failures.push(`${testCase.id}: ${suggestion.title}`)
      }
      const breadths = result.suggestions.filter((item) => !item.requestChange).map((item) => item.breadth.newlyAllowed)
      expect(breadths, testCase.id).toEqual([...breadths].sort((a, b) => a - b))
    }
    console.log(`why-not corpus: seed ${SEED}, ${CASES} cases, ${denied} denied, ${answered} with suggestions, ${suggestions} suggestions verified, ${said} without one say why`)
    console.log(`why-not corpus, denials without a suggestion by kind:\n${[...left].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `  ${String(count).padStart(4)}  ${kind}`).join('\n')}`)
    expect(failures.slice(0, 5), `replay with GATEHOUSE_WHYNOT_SEED=${SEED}`).toEqual([])
    expect(denied).toBeGreaterThan(CASES / 10)
    // A denied question the engine cannot fix at all is rare (a request MinIO can never allow).
    expect(answered / denied).toBeGreaterThan(0.8)
  }, 120_000)
})
