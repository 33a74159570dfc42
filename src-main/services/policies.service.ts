import type { PolicyInfo, PolicyTarget } from '../minio/index.ts'
import type { IamReader, IamSession } from './iam-session.ts'
import { BUILTIN_POLICIES } from './iam-names.ts'
import { refuseBrokenJson } from './policy-check.ts'
import type { PolicyDetail, PolicyEntitiesView, PolicySummary } from './views.types.ts'

/** The Policies screen's views and changes, composed on one IAM session. */

/** Whether `name` is one of MinIO's built-in policies (§4.9). */
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

/** `policies.list`: every policy, built-ins included, with its statement count. */
export async function listPolicies(reader: IamReader): Promise<PolicySummary[]> {
  return (await reader.listPolicies()).map(({ name, document }) => ({
    name,
    isBuiltin: isBuiltinPolicy(name),
    statementCount: Array.isArray(document['Statement']) ? document['Statement'].length : 0,
  }))
}

/** `policies.get`: the document pretty-printed. NOT_FOUND for an unknown policy. */
export async function getPolicy(reader: IamReader, name: string): Promise<PolicyDetail> {
  return detail(await reader.getPolicy(name))
}

/** `policies.entities`: the users and groups the policy is attached to. */
export async function policyEntities(reader: IamReader, name: string): Promise<PolicyEntitiesView> {
  const entities = await reader.policyEntities({ policies: [name] })
  const mapping = entities.policyMappings.find((item) => item.policy === name)
  return { users: mapping?.users ?? [], groups: mapping?.groups ?? [] }
}

/**
 * `policies.create` / `policies.update`: refuses text that is not JSON (nothing sent), saves it as
 * one audited change and returns the policy as MinIO now holds it, all on the one session.
 * `details` goes into the audit event (a restore names the version it restores).
 */
export async function savePolicy(iam: IamSession, mode: 'create' | 'update', name: string, text: string, details?: Record<string, unknown>): Promise<PolicyDetail> {
  refuseBrokenJson(text)
  await (mode === 'create' ? iam.createPolicy(name, text, details) : iam.updatePolicy(name, text, details))
  return getPolicy(iam, name)
}

/** Detaches a policy from everyone it is attached to (the in-use flow of §4.1), one audited change each. */
export async function detachEverywhere(iam: IamSession, name: string): Promise<PolicyEntitiesView> {
  const entities = await policyEntities(iam, name)
  const targets: PolicyTarget[] = [...entities.users.map((user) => ({ user })), ...entities.groups.map((group) => ({ group }))]
  for (const target of targets) await iam.detachPolicies(target, [name])
  return entities
}
