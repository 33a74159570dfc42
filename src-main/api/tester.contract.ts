import { z } from 'zod'

// Channels of the Policy tester. Evaluation runs offline in main (the engine never reaches the
// renderer); only tester.listUsers / tester.loadPrincipal talk to a server, and only to read.
const documentId = z.string().min(1).max(100)

// Inputs are capped at what MinIO itself accepts (docs/minio-admin-api.md): a stored policy is at
// most 20 KiB, and condition values arrive in headers (8 KiB in all) or query values (32 KiB each).
const POLICY_MAX_BYTES = 20_480
const CONDITION_VALUES_MAX_BYTES = 40 * 1024
const policyText = z.string().refine((text) => new TextEncoder().encode(text).length <= POLICY_MAX_BYTES, 'A policy document can have at most 20 KiB (MinIO’s limit).')

const workspaceDocument = z.object({
  id: documentId,
  name: z.string().max(256),
  /** The text exactly as pasted or loaded; evaluated as MinIO loads a stored policy. */
  text: policyText,
})

const principal = z.object({
  /** The user name (access key): the request's account and MinIO's aws:username / aws:userid. */
  userName: z.string().max(256).default(''),
  userPolicies: z.array(documentId).max(100),
  groups: z.array(z.object({ name: z.string().min(1).max(256), enabled: z.boolean(), policies: z.array(documentId).max(100) })).max(100),
  /** Present when the request is signed with an access key: its session policy, or null to inherit. */
  accessKey: z.object({ sessionPolicy: documentId.nullable() }).optional(),
  isRoot: z.boolean().default(false),
  isOwner: z.boolean().default(false),
})

const request = z.object({
  action: z.string().trim().min(1).max(200),
  bucket: z.string().max(1024).default(''),
  object: z.string().max(4096).default(''),
  /** Friendly form, full key names: `aws:SourceIp`, `s3:prefix`, `s3:ExistingObjectTag/team`. */
  conditions: z
    .record(z.string().min(1).max(256), z.array(z.string().max(4096)).max(100))
    .refine((values) => Object.values(values).flat().reduce((total, value) => total + new TextEncoder().encode(value).length, 0) <= CONDITION_VALUES_MAX_BYTES, 'The condition values can have at most 40 KiB in all (what a request to MinIO can carry in its headers and query).')
    .default({}),
})

const issue = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  line: z.number().optional(),
  column: z.number().optional(),
})

const lintFinding = z.object({
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

const statementTrace = z.object({
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

const effect = z.enum(['allow', 'explicitDeny', 'implicitDeny'])

const decisionPart = z.object({
  effect,
  allowed: z.boolean(),
  summary: z.string(),
  statements: z.array(statementTrace),
})

const answer = z.object({
  effect,
  allowed: z.boolean(),
  reason: z.enum(['root', 'disabledGroup', 'noPolicies', 'evaluated', 'sessionPolicyDenied', 'invalidPolicy']),
  summary: z.string(),
  /** The user + enabled groups' combined policy decision; absent when never evaluated. */
  parent: decisionPart.optional(),
  /** The access key's session policy decision; absent when inherited. */
  session: decisionPart.optional(),
  error: z.string().optional(),
  /** The map MinIO's evaluator received (short key names), and which keys the tester filled as the server would. */
  conditionValues: z.record(z.string(), z.array(z.string())),
  serverFilled: z.array(z.string()),
  /** Validation issues per document the principal uses (advice: stored documents are evaluated anyway). */
  documents: z.array(z.object({ id: z.string(), name: z.string(), issues: z.array(issue) })),
})

const iamState = z.object({
  source: z.string(),
  users: z.array(z.object({ name: z.string(), enabled: z.boolean(), policies: z.array(z.string()), groups: z.array(z.string()) })),
  groups: z.array(z.object({ name: z.string(), enabled: z.boolean(), policies: z.array(z.string()) })),
  /** Policy documents by name, as text (pretty JSON). */
  policies: z.array(z.object({ name: z.string(), text: z.string() })),
  /** Access keys of the users: the principal may be one of them (its session policy as text, null = inherits). */
  accessKeys: z.array(z.object({ accessKey: z.string(), parentUser: z.string(), enabled: z.boolean(), sessionPolicy: z.string().nullable() })),
})

export const testerContract = {
  'tester.catalogue': {
    input: z.object({}).strict(),
    output: z.object({
      actions: z.array(z.object({ name: z.string(), family: z.enum(['s3', 'admin', 'kms', 'sts']), resource: z.string() })),
      conditionKeys: z.array(z.string()),
      keysByAction: z.record(z.string(), z.array(z.string())),
    }),
  },
  'tester.validate': {
    input: z.object({ text: policyText, kind: z.enum(['canned', 'session']).default('canned') }).strict(),
    output: z.object({ issues: z.array(issue), lint: z.array(lintFinding) }),
  },
  'tester.evaluate': {
    input: z.object({ documents: z.array(workspaceDocument).max(200), principal, request }).strict(),
    output: answer,
  },
  'tester.loadSnapshot': {
    input: z.object({ fileName: z.string().max(512).default('snapshot.json'), text: z.string().min(1).max(900 * 1024) }).strict(),
    output: iamState,
  },
  'tester.listUsers': {
    input: z.object({ connectionId: z.string().min(1).max(100) }).strict(),
    output: z.array(z.object({ name: z.string(), enabled: z.boolean() })),
  },
  'tester.loadPrincipal': {
    input: z.object({ connectionId: z.string().min(1).max(100), user: z.string().min(1).max(256) }).strict(),
    output: iamState,
  },
} as const

export type TesterAnswer = z.output<typeof answer>
export type TesterDecisionPart = z.output<typeof decisionPart>
export type TesterStatementTrace = z.output<typeof statementTrace>
export type TesterIssue = z.output<typeof issue>
export type TesterLintFinding = z.output<typeof lintFinding>
export type TesterIamState = z.output<typeof iamState>
export type TesterWorkspaceDocument = z.output<typeof workspaceDocument>
export type TesterPrincipal = z.input<typeof principal>
export type TesterRequest = z.input<typeof request>
