import { parsePolicy, validatePolicy } from '../policy/index.ts'
import { lintPolicy } from '../policy/lint/index.ts'
import type { PolicyInfo, PolicyTarget } from '../minio/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { policyWorker } from '../services/policy-worker.ts'
import { AppFailure } from './result.ts'
import type { DomainHandlers } from './dispatch.ts'
import { withAdmin, withAudited, type AdminReader } from './iam-kit.ts'
import { BUILTIN_POLICIES, type PolicyDetail, type PolicyEntitiesView, type PolicyIssue, type policiesContract } from './policies.contract.ts'

export function isBuiltinPolicy(name: string): boolean {
  return (BUILTIN_POLICIES as readonly string[]).includes(name)
}

function detail(policy: PolicyInfo): PolicyDetail {
  return {
    name: policy.name,
    isBuiltin: isBuiltinPolicy(policy.name),
    text: JSON.stringify(policy.document, null, 2),
    ...(policy.createdAt ? { createdAt: policy.createdAt } : {}),
    ...(policy.updatedAt ? { updatedAt: policy.updatedAt } : {}),
  }
}

/**
 * Text that is not JSON never reaches MinIO, whose answer would be a bare "unexpected EOF"; whether a
 * well-formed document is acceptable stays MinIO's call (the server is the judge, the editor advises).
 */
function refuseBrokenJson(text: string): void {
  const parsed = parsePolicy(text)
  if (parsed.document !== undefined) return
  const issue = parsed.issues[0]
  const where = issue?.line === undefined ? '' : ` at line ${issue.line}, column ${issue.column}`
  throw new AppFailure('INVALID_INPUT', `The policy is not valid JSON${where} (${issue?.message ?? 'no JSON value'}). Fix the text and save again; nothing was sent to MinIO.`)
}

/**
 * Validation issues (MinIO's rules: block the save when errors) and lint findings (advice), in
 * one list ordered by position. Never throws: odd text gives issues, not failures.
 */
export function checkPolicyText(text: string, kind: 'canned' | 'session', name?: string): { issues: PolicyIssue[]; hasErrors: boolean } {
  const validation: PolicyIssue[] = validatePolicy(text, { kind, ...(name ? { name } : {}) }).map((issue) => ({
    source: 'validation' as const,
    severity: issue.severity,
    message: issue.message,
    path: issue.path,
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.column === undefined ? {} : { column: issue.column }),
  }))
  const lint: PolicyIssue[] = lintPolicy(text).map((finding) => ({
    source: 'lint' as const,
    severity: finding.severity === 'error' ? 'warning' : finding.severity, // lint is advice: never blocks a save
    message: finding.message,
    path: finding.path,
    ruleId: finding.id,
    ...(finding.line === undefined ? {} : { line: finding.line }),
    ...(finding.column === undefined ? {} : { column: finding.column }),
  }))
  const issues = [...validation, ...lint].sort((left, right) => (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0))
  return { issues, hasErrors: validation.some((issue) => issue.severity === 'error') }
}

async function entitiesOf(client: AdminReader, name: string): Promise<PolicyEntitiesView> {
  const entities = await client.policyEntities({ policies: [name] })
  const mapping = entities.policyMappings.find((item) => item.policy === name)
  return { users: mapping?.users ?? [], groups: mapping?.groups ?? [] }
}

/** Detaches a policy from everyone it is attached to (the in-use flow of §4.1), one audited change each. */
async function detachEverywhere(services: AppServices, connectionId: string, name: string): Promise<PolicyEntitiesView> {
  const entities = await withAdmin(services, connectionId, (client) => entitiesOf(client, name))
  const targets: PolicyTarget[] = [...entities.users.map((user) => ({ user })), ...entities.groups.map((group) => ({ group }))]
  await withAudited(services, connectionId, async (iam) => {
    for (const target of targets) await iam.detachPolicies(target, [name])
  })
  return entities
}

function readPolicy(services: AppServices, connectionId: string, name: string): Promise<PolicyDetail> {
  return withAdmin(services, connectionId, async (client) => detail(await client.getPolicy(name)))
}

/** Policies channels: reads through the admin client, changes through the audited IAM layer. */
export function policiesHandlers(services: AppServices): DomainHandlers<typeof policiesContract> {
  return {
    'policies.list': ({ connectionId }) =>
      withAdmin(services, connectionId, async (client) =>
        (await client.listPolicies()).map(({ name, document }) => ({
          name,
          isBuiltin: isBuiltinPolicy(name),
          statementCount: Array.isArray(document['Statement']) ? document['Statement'].length : 0,
        }))),
    'policies.get': ({ connectionId, name }) => readPolicy(services, connectionId, name),
    'policies.entities': ({ connectionId, name }) => withAdmin(services, connectionId, (client) => entitiesOf(client, name)),
    'policies.validate': ({ text, kind }) => policyWorker.run({ kind: 'checkPolicy', input: { text, kind } }),
    'policies.create': async ({ connectionId, name, text }) => {
      refuseBrokenJson(text)
      await withAudited(services, connectionId, (iam) => iam.createPolicy(name, text))
      return readPolicy(services, connectionId, name)
    },
    'policies.update': async ({ connectionId, name, text }) => {
      refuseBrokenJson(text)
      await withAudited(services, connectionId, (iam) => iam.updatePolicy(name, text))
      return readPolicy(services, connectionId, name)
    },
    'policies.remove': async ({ connectionId, name }) => {
      await withAudited(services, connectionId, (iam) => iam.deletePolicy(name))
      return { removed: true as const }
    },
    'policies.detachEverywhere': ({ connectionId, name }) => detachEverywhere(services, connectionId, name),
    'policies.attach': async ({ connectionId, target, policies }) => ({
      changed: (await withAudited(services, connectionId, (iam) => iam.attachPolicies(target, policies))).policies,
    }),
    'policies.detach': async ({ connectionId, target, policies }) => ({
      changed: (await withAudited(services, connectionId, (iam) => iam.detachPolicies(target, policies))).policies,
    }),
  }
}
