import { z } from 'zod'
import { connectionId } from './fields.ts'
import type { decisionPart, filledEntry, statementTrace , issue, lintFinding } from './tester-answer.contract.ts'
import { answer } from './tester-answer.contract.ts'
import { whyNotAnswer } from './tester-why-not.contract.ts'

// Channels of the Policy tester. Evaluation runs offline in main (the engine never reaches the
// renderer); only tester.loadPrincipal talks to a server, and only to read.
const documentId = z.string().min(1).max(100)

/**
 * The S3 requests the tester answers as the server's handlers check them. The policy engine keeps
 * its own list (policy/ imports nothing outside itself); tester.contract.test.ts holds the two equal.
 */
export const S3_OPERATION_KINDS = [
  'GetObject', 'HeadObject', 'PutObject', 'DeleteObject', 'CopyObject', 'ListObjectsV1', 'ListObjectsV2',
  'ListObjectVersions', 'ListBuckets', 'GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging', 'GetBucketLocation',
] as const

// Inputs are capped at what MinIO itself accepts (docs/minio-admin-api.md): a stored policy is at
// most 20 KiB, and condition values arrive in headers (8 KiB in all) or query values (32 KiB each).
const POLICY_MAX_BYTES = 20_480
const CONDITION_VALUES_MAX_BYTES = 40 * 1024
const policyText = z.string().refine((text) => new TextEncoder().encode(text).length <= POLICY_MAX_BYTES, 'A policy document can have at most 20 KiB (MinIO’s limit).')

const workspaceDocument = z.strictObject({
  id: documentId,
  name: z.string().max(256),
  /** The text exactly as pasted or loaded; evaluated as MinIO loads a stored policy. */
  text: policyText,
})

const principal = z.strictObject({
  /** The user name (access key): the request's account and MinIO's aws:username / aws:userid. */
  userName: z.string().max(256).default(''),
  userPolicies: z.array(documentId).max(100),
  groups: z.array(z.strictObject({ name: z.string().min(1).max(256), enabled: z.boolean(), policies: z.array(documentId).max(100) })).max(100),
  /** Present when the request is signed with an access key: its session policy, or null to inherit. */
  accessKey: z.strictObject({ sessionPolicy: documentId.nullable(), name: z.string().max(256).optional() }).optional(),
  isRoot: z.boolean().default(false),
  isOwner: z.boolean().default(false),
})

const stringList = z.array(z.string().max(4096)).max(100)
const stringMap = z.record(z.string().min(1).max(256), stringList)
/** Values as a request carries them: MinIO reads them from headers and query, so their total is bounded too. */
const boundedValues = stringMap.refine(
  (values) => Object.values(values).flat().reduce((total, value) => total + new TextEncoder().encode(value).length, 0) <= CONDITION_VALUES_MAX_BYTES,
  'The condition values can have at most 40 KiB in all (what a request to MinIO can carry in its headers and query).',
)
const tagMap = z.record(z.string().min(1).max(128), z.string().max(256))

/** An S3 request: the server turns it into the checks, resources and condition values of its handler. */
const operation = z.object({
  kind: z.enum(S3_OPERATION_KINDS),
  versionId: z.string().max(1024).optional(),
  /** The object's tags on the server (a live principal reads them; offline they are typed in). */
  storedTags: tagMap.optional(),
  /** Tags the request writes (PutObject x-amz-tagging, PutObjectTagging). */
  tags: tagMap.optional(),
  source: z.strictObject({ bucket: z.string().min(1).max(1024), key: z.string().min(1).max(4096), versionId: z.string().max(1024).optional() }).optional(),
  prefix: z.string().max(4096).optional(),
  delimiter: z.string().max(64).optional(),
  maxKeys: z.string().max(16).optional(),
  buckets: z.array(z.string().max(1024)).max(1000).optional(),
}).strict()

/** How the request reaches the server: what getConditionValues reads besides the credential. */
const transport = z.object({
  /** https: aws:SecureTransport. A live principal takes it from the connection's scheme. */
  secureTransport: z.boolean().default(true),
  sourceIp: z.string().max(64).default('127.0.0.1'),
  authType: z.enum(['signed-v4', 'presigned-v4', 'streaming-v4', 'post-policy', 'signed-v2', 'presigned-v2']).default('signed-v4'),
  /** Extra request headers as sent (User-Agent, Referer, x-amz-server-side-encryption, …). */
  headers: boundedValues.default({}),
  /** Extra query parameters as sent. */
  query: boundedValues.default({}),
}).strict()

const request = z.strictObject({
  action: z.string().trim().min(1).max(200),
  bucket: z.string().max(1024).default(''),
  object: z.string().max(4096).default(''),
  /** Overrides of the server's map, full key names: `aws:SourceIp`, `s3:prefix`, `s3:ExistingObjectTag/team`. */
  conditions: boundedValues.default({}),
  /** When set, the question is this S3 request (action/bucket/object then name only its bucket and key). */
  operation: operation.optional(),
  transport: transport.default({ secureTransport: true, sourceIp: '127.0.0.1', authType: 'signed-v4', headers: {}, query: {} }),
  /** The server's clock; now when absent. */
  now: z.string().datetime().optional(),
  /** Whose semantics: the connected server's version (a live principal), else the user's pick, else the last community release. */
  semantics: z.object({ id: z.string().max(64).optional(), serverVersion: z.string().max(128).optional() }).strict().default({}),
})

const iamState = z.object({
  source: z.string(),
  users: z.array(z.object({ name: z.string(), enabled: z.boolean(), policies: z.array(z.string()), groups: z.array(z.string()) })),
  groups: z.array(z.object({ name: z.string(), enabled: z.boolean(), policies: z.array(z.string()) })),
  /** Policy documents by name, as text (pretty JSON). */
  policies: z.array(z.object({ name: z.string(), text: z.string() })),
  /** Access keys of the users: the principal may be one of them (its session policy as text, null = inherits). */
  accessKeys: z.array(z.object({ accessKey: z.string(), parentUser: z.string(), enabled: z.boolean(), sessionPolicy: z.string().nullable() })),
  /** A live principal's connection: https or not (aws:SecureTransport of its requests). */
  secureTransport: z.boolean().optional(),
  /** A live principal's server version (server info), which selects the policy semantics. */
  serverVersion: z.string().optional(),
})

export const testerContract = {
  'tester.catalogue': {
    input: z.strictObject({}).strict(),
    output: z.object({
      actions: z.array(z.object({ name: z.string(), family: z.enum(['s3', 'admin', 'kms', 'sts']), resource: z.string() })),
      conditionKeys: z.array(z.string()),
      keysByAction: z.record(z.string(), z.array(z.string())),
      /** The S3 requests the tester can ask as the server's handlers check them. */
      operations: z.array(z.string()),
      /** The semantics lines the user can pick offline (oldest first; the last is the default). */
      semantics: z.array(z.object({ id: z.string(), pkg: z.string(), firstRelease: z.string(), lastRelease: z.string(), differences: z.array(z.string()) })),
    }),
  },
  'tester.evaluate': {
    input: z.strictObject({ documents: z.array(workspaceDocument).max(200), principal, request }).strict(),
    output: answer,
  },
  /** For a denied question: the smallest changes that would allow it, each verified by re-evaluation. Offline. */
  'tester.whyNot': {
    input: z.strictObject({ documents: z.array(workspaceDocument).max(200), principal, request }).strict(),
    output: whyNotAnswer,
  },
  'tester.loadSnapshot': {
    input: z.strictObject({ fileName: z.string().max(512).default('snapshot.json'), text: z.string().min(1).max(900 * 1024) }).strict(),
    output: iamState,
  },
  'tester.loadPrincipal': {
    input: z.strictObject({ connectionId, user: z.string().min(1).max(256) }).strict(),
    output: iamState,
  },
  'tester.objectTags': {
    input: z.strictObject({ connectionId, bucket: z.string().min(1).max(1024), key: z.string().min(1).max(4096), versionId: z.string().max(1024).optional() }).strict(),
    output: z.object({ exists: z.boolean(), tags: z.record(z.string(), z.string()) }),
  },
} as const

export type TesterAnswer = z.output<typeof answer>
export type { TesterWhyNot, TesterWhyNotSuggestion } from './tester-why-not.contract.ts'
export type TesterDecisionPart = z.output<typeof decisionPart>
export type TesterStatementTrace = z.output<typeof statementTrace>
export type TesterIssue = z.output<typeof issue>
export type TesterLintFinding = z.output<typeof lintFinding>
export type TesterIamState = z.output<typeof iamState>
export type TesterWorkspaceDocument = z.output<typeof workspaceDocument>
export type TesterPrincipal = z.input<typeof principal>
export type TesterRequest = z.input<typeof request>
export type TesterParsedRequest = z.output<typeof request>
export type TesterFilledEntry = z.output<typeof filledEntry>
