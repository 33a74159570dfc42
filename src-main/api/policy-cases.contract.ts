import { z } from 'zod'
import { connectionId, existingName } from './fields.ts'

// Saved cases of a policy: kept on this machine per connection + policy (never on the server), run
// against the editor's draft on every edit with the tester's evaluator.

const stringList = z.array(z.string().max(4096)).max(100)

export const policyCase = z.object({
  name: z.string().trim().min(1, 'Name the case.').max(200),
  request: z.object({
    action: z.string().trim().min(1, 'Give the action the case asks, e.g. s3:GetObject.').max(200),
    bucket: z.string().max(1024).default(''),
    object: z.string().max(4096).default(''),
    /** Full key names, as in a suite: `aws:SourceIp`, `s3:prefix`. */
    conditions: z
      .record(z.string().min(1).max(256), stringList)
      .refine((values) => Object.keys(values).length <= 50, 'A case can set at most 50 condition keys.')
      .default({}),
  }).strict(),
  /** What the policy alone answers; `deny` accepts either kind of deny. */
  expect: z.enum(['allow', 'deny', 'explicitDeny', 'implicitDeny']),
}).strict()

const caseRef = z.object({ connectionId, policy: existingName('policy name') })

const caseResult = z.object({
  name: z.string(),
  expected: z.string(),
  actual: z.string(),
  passed: z.boolean(),
  detail: z.string(),
})

export const policyCasesContract = {
  'policyCases.list': { input: caseRef.strict(), output: z.array(policyCase) },
  /** Adds the case, or replaces the one of the same name; answers every saved case. */
  'policyCases.save': { input: caseRef.extend({ case: policyCase }).strict(), output: z.array(policyCase) },
  'policyCases.remove': { input: caseRef.extend({ name: z.string().min(1).max(200) }).strict(), output: z.array(policyCase) },
  /** Runs the saved cases against a draft of the policy (offline, in the policy worker). */
  'policyCases.run': { input: caseRef.extend({ text: z.string().max(200_000) }).strict(), output: z.array(caseResult) },
} as const

export type PolicyCaseView = z.output<typeof policyCase>
export type PolicyCaseInput = z.input<typeof policyCase>
export type PolicyCaseResultView = z.output<typeof caseResult>
