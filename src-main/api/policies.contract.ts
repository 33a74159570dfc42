import { z } from 'zod'
import { connectionId, existingName, newPolicyName } from './fields.ts'

// Channels of the Policies screen. Documents travel as JSON text so the editor never loses what was typed.

// MinIO: add-canned-policy accepts at most 20 KiB (§4.5).
const policyText = z.string().min(1, 'The policy document is empty.').max(20_480, 'A policy document can have at most 20 KiB (MinIO’s limit).')

const policySummary = z.object({ name: z.string(), isBuiltin: z.boolean(), statementCount: z.number() })

const policyDetail = z.object({
  name: z.string(),
  isBuiltin: z.boolean(),
  /** The document as MinIO returns it, pretty-printed. */
  text: z.string(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
})

const entities = z.object({ users: z.array(z.string()), groups: z.array(z.string()) })

/** One squiggle: MinIO's validation (blocks saving when an error) or lint advice (never blocks). */
const policyIssue = z.object({
  source: z.enum(['validation', 'lint']),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  ruleId: z.string().optional(),
  /** A mechanical lint fix: the whole document with it applied (the editor applies only what changed). */
  fix: z.object({ title: z.string(), text: z.string() }).optional(),
})

const templateInfo = z.object({ id: z.string(), title: z.string(), description: z.string(), takesBucket: z.boolean(), source: z.enum(['guide', 'builtin']) })
const templateIssue = z.object({ path: z.string(), message: z.string(), severity: z.enum(['error', 'warning']), line: z.number().optional(), column: z.number().optional() })

const target = z.union([
  z.object({ user: existingName('user access key') }).strict(),
  z.object({ group: existingName('group name') }).strict(),
])
const policyNames = z.array(existingName('policy name')).min(1, 'Choose at least one policy.').max(100)
const policyRef = z.strictObject({ connectionId, name: existingName('policy name') })

const catalogueAction = z.object({ name: z.string(), family: z.enum(['s3', 'admin', 'kms', 'sts']), description: z.string(), extraKeys: z.array(z.string()) })

/** What the editor completes, from MinIO's catalogue (the renderer cannot import src-main/policy). */
const catalogue = z.object({
  actions: z.array(catalogueAction),
  operators: z.array(z.string()),
  qualifiers: z.array(z.string()),
  baseKeys: z.object({ s3: z.array(z.string()), admin: z.array(z.string()), kms: z.array(z.string()), sts: z.array(z.string()) }),
  variables: z.array(z.string()),
})

export const policiesContract = {
  /** Static: the same answer on every call, so the renderer asks once. */
  'policies.catalogue': { input: z.strictObject({}).strict(), output: catalogue },
  /** Bucket names the connection can list, for resource ARN completion ([] when listing is denied). */
  'policies.buckets': { input: z.strictObject({ connectionId }), output: z.array(z.string()) },
  'policies.list': { input: z.strictObject({ connectionId }), output: z.array(policySummary) },
  'policies.get': { input: policyRef, output: policyDetail },
  'policies.entities': { input: policyRef, output: entities },
  /** Validation (MinIO's rules) plus lint, with line/column for the editor. No server call. */
  'policies.validate': {
    input: z.strictObject({ text: z.string().max(200_000), kind: z.enum(['canned', 'session']).default('canned') }),
    output: z.object({ issues: z.array(policyIssue), hasErrors: z.boolean() }),
  },
  /** The starting points: templates for a bucket/prefix and MinIO's built-in policies. No server call. */
  'policies.templates': { input: z.strictObject({}).strict(), output: z.array(templateInfo) },
  /** One template rendered for a bucket and prefix: the document text and a suggested name. No server call. */
  'policies.renderTemplate': {
    input: z.strictObject({ template: z.string().min(1).max(64), bucket: z.string().max(63).default(''), prefix: z.string().max(1024).default('') }).strict(),
    output: z.object({ template: z.string(), name: z.string(), text: z.string(), issues: z.array(templateIssue) }),
  },
  'policies.create': { input: z.strictObject({ connectionId, name: newPolicyName, text: policyText }), output: policyDetail },
  'policies.update': { input: policyRef.extend({ text: policyText }), output: policyDetail },
  /** CONFLICT with `details.users`/`details.groups` while the policy is attached (§4.1). */
  /** `deleteSavedCases` (off unless asked): the policy's saved cases on this machine go too; kept, a policy created again under the name finds them. */
  'policies.remove': {
    input: policyRef.extend({ deleteSavedCases: z.boolean().default(false) }).strict(),
    output: z.object({ removed: z.literal(true), deletedCases: z.number().int().nonnegative() }),
  },
  /** Detaches the policy from every user and group it is attached to, one audited change each. */
  'policies.detachEverywhere': { input: policyRef, output: entities },
  'policies.attach': { input: z.strictObject({ connectionId, target, policies: policyNames }), output: z.object({ changed: z.array(z.string()) }) },
  'policies.detach': { input: z.strictObject({ connectionId, target, policies: policyNames }), output: z.object({ changed: z.array(z.string()) }) },
} as const

export type PolicyTemplateInfo = z.output<typeof templateInfo>
export type PolicySummary = z.output<typeof policySummary>
export type PolicyDetail = z.output<typeof policyDetail>
export type PolicyIssue = z.output<typeof policyIssue>
export type PolicyCatalogueView = z.output<typeof catalogue>
export type PolicyEntitiesView = z.output<typeof entities>
export type PolicyTargetInput = z.input<typeof target>
