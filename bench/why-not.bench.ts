// "Why not?" benchmark (issue #15 item 4): time to find and verify the suggestions for a denied
// question, against the reference of answering the same question once (tester.evaluate's engine
// call, with its explanation), on the same workspaces in one run: the seeded corpus's denied cases
// and a large workspace (60 policies × 12 statements). Not a test: run by hand with
//   npx tsx bench/why-not.bench.ts [--cases 1500]
import { parseArgs } from 'node:util'
import { evaluatePrincipal } from '../src-main/policy/index.ts'
import { whyNot, type WhyNotQuestion } from '../src-main/policy/why-not/index.ts'
import { generateCases } from '../src-main/testbed/policy-fuzz/generate-case.ts'

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1500' } } })

function questions(): WhyNotQuestion[] {
  const out: WhyNotQuestion[] = []
  for (const testCase of generateCases(20261202, Number(values.cases))) {
    const documents = testCase.policies.map((policy, index) => ({ id: `d${index}`, name: `p${index}`, text: typeof policy === 'string' ? policy : JSON.stringify(policy) }))
    const question = { documents, principal: { userPolicies: documents.map((document) => document.id), groups: [] }, request: { ...testCase.request } }
    const decision = evaluatePrincipal({ userPolicies: documents.map((document) => document.text) }, question.request)
    if (!decision.allowed && decision.reason !== 'invalidPolicy') out.push(question)
  }
  return out
}

function large(): WhyNotQuestion {
  const documents = Array.from({ length: 60 }, (_, policy) => ({
    id: `d${policy}`, name: `p${policy}`,
    text: JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 12 }, (_, statement) => ({ Sid: `S${statement}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::b${policy}/p${statement}/*`], Condition: { StringEquals: { 'aws:UserAgent': ['x'] } } })) }),
  }))
  return { documents, principal: { userPolicies: documents.map((document) => document.id), groups: [] }, request: { action: 's3:PutObject', bucket: 'other', object: 'k', conditionValues: { UserAgent: ['y'] } } }
}

function time(run: () => void): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

function measure(label: string, list: WhyNotQuestion[]): void {
  const answer = (question: WhyNotQuestion) => evaluatePrincipal({ userPolicies: question.documents.map((document) => document.text) }, question.request, { explain: true, traceAllowPass: true })
  for (const question of list.slice(0, 20)) { answer(question); whyNot(question) } // warm-up
  const reference = list.map((question) => time(() => answer(question)))
  let suggestions = 0
  const found = list.map((question) => time(() => { suggestions += whyNot(question).suggestions.length }))
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]!, max: sorted[sorted.length - 1]! }
  }
  const [ref, why] = [stats(reference), stats(found)]
  console.log(`${label}: ${list.length} denied question(s), ${suggestions} suggestions`)
  console.log(`  reference (one explained evaluation): median ${ref.median.toFixed(3)} ms, p95 ${ref.p95.toFixed(3)} ms, max ${ref.max.toFixed(3)} ms`)
  console.log(`  whyNot (search + verify + breadth):   median ${why.median.toFixed(3)} ms, p95 ${why.p95.toFixed(3)} ms, max ${why.max.toFixed(3)} ms (median ${(why.median / ref.median).toFixed(0)}× the reference)`)
}

measure('seeded corpus', questions())
measure('large workspace (60 policies × 12 statements)', [large()])
