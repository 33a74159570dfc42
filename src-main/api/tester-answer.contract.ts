import { z } from 'zod'

// The tester's answer on the wire (tester.evaluate's output, tester.validate's issues): the engine's
// decision with every statement's trace, the condition map and the S3 request's checks.

export const issue = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  line: z.number().optional(),
  column: z.number().optional(),
})

export const lintFinding = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
})

const conditionTrace = z.object({
  operator: z.string(),
  key: z.string(),
  requestValues: z.array(z.string()),
  policyValues: z.array(z.string()),
  matched: z.boolean(),
  reason: z.string(),
})

export const statementTrace = z.object({
  /** The workspace document the statement came from (null when it cannot be told). */
  documentId: z.string().nullable(),
  documentName: z.string(),
  policyIndex: z.number(),
  statementIndex: z.number(),
  sid: z.string().optional(),
  effect: z.enum(['Allow', 'Deny']),
  kind: z.enum(['admin', 'sts', 'kms', 's3']),
  actionMatched: z.boolean(),
  actionDetail: z.string(),
  resourceChecked: z.boolean(),
  resourceMatched: z.boolean(),
  resourceDetail: z.string(),
  requestResource: z.string(),
  resources: z.array(z.object({ pattern: z.string(), substituted: z.string(), matched: z.boolean(), via: z.enum(['exact', 'wildcard']).optional() })),
  conditions: z.array(conditionTrace),
  conditionsMatched: z.boolean(),
  applies: z.boolean(),
  /** One of the statements that decided the answer. */
  isDecisive: z.boolean(),
})

export const filledEntry = z.object({
  key: z.string(),
  values: z.array(z.string()),
  source: z.enum(['server', 'header', 'form', 'object-tags', 'object-lock', 'claim', 'groups', 'override']),
  overridden: z.boolean(),
})

const operationCheck = z.object({
  action: z.string(),
  bucket: z.string(),
  object: z.string(),
  denyOnly: z.boolean(),
  purpose: z.string(),
  allowed: z.boolean(),
  effect: z.enum(['allow', 'explicitDeny', 'implicitDeny']),
  summary: z.string(),
  conditionValues: z.record(z.string(), z.array(z.string())),
})

const effect = z.enum(['allow', 'explicitDeny', 'implicitDeny'])

export const decisionPart = z.object({
  effect,
  allowed: z.boolean(),
  summary: z.string(),
  statements: z.array(statementTrace),
})

export const answer = z.object({
  effect,
  allowed: z.boolean(),
  reason: z.enum(['root', 'disabledGroup', 'noPolicies', 'evaluated', 'sessionPolicyDenied', 'invalidPolicy']),
  summary: z.string(),
  /** The user + enabled groups' combined policy decision; absent when never evaluated. */
  parent: decisionPart.optional(),
  /** The access key's session policy decision; absent when inherited. */
  session: decisionPart.optional(),
  error: z.string().optional(),
  /** The map MinIO's evaluator received (the server's keys), and which keys the tester filled as the server would. */
  conditionValues: z.record(z.string(), z.array(z.string())),
  serverFilled: z.array(z.string()),
  /** Every entry of the map with its origin; `overridden` when the user's value replaced the server's. */
  filled: z.array(filledEntry),
  /** Which MinIO release's semantics the answer is given in, and whether it is exact for that release. */
  semantics: z.object({ id: z.string(), pkg: z.string(), label: z.string(), exact: z.boolean(), basis: z.enum(['server', 'picked', 'default']), release: z.string().optional() }),
  /** The S3 request's checks, in the server's order, when the question was an operation. */
  operation: z.object({
    kind: z.string(),
    allowed: z.boolean(),
    summary: z.string(),
    checks: z.array(operationCheck),
    listedBuckets: z.array(z.string()).optional(),
  }).optional(),
  /** Validation issues per document the principal uses (advice: stored documents are evaluated anyway). */
  documents: z.array(z.object({ id: z.string(), name: z.string(), issues: z.array(issue) })),
})
