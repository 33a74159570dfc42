import { AppFailure } from '../api/result.ts'
import { exists } from '../shared/unless-missing.ts'
import { callEncrypted, callJson, callNoContent, listOf, timeOrUndefined } from './calls.ts'
import { fetchPolicyEntities } from './policy-entities.ts'
import type { AdminTransport } from './transport.ts'
import type { PolicyChange, PolicyDocument, PolicyInfo, PolicyTarget } from './types.ts'

// MinIO: add-canned-policy accepts at most 20 KiB (maxBucketPolicySize).
const MAX_POLICY_BYTES = 20_480

interface RawPolicyInfo {
  PolicyName?: string
  Policy?: PolicyDocument
  CreateDate?: string
  UpdateDate?: string
}

/** GET list-canned-policies (plain): every policy with its document, built-ins included, sorted by name. */
export async function listPolicies(
  transport: AdminTransport,
): Promise<{ name: string; document: PolicyDocument }[]> {
  const raw = await callJson<Record<string, PolicyDocument> | null>(transport, {
    method: 'GET',
    path: '/list-canned-policies',
    operation: 'list policies',
    action: 'admin:ListUserPolicies',
  })
  return Object.entries(raw ?? {})
    .map(([name, document]) => ({ name, document }))
    .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0))
}

/** GET info-canned-policy v=2: the document with its dates. NOT_FOUND for an unknown policy. */
export async function getPolicy(transport: AdminTransport, name: string): Promise<PolicyInfo> {
  const raw = await callJson<RawPolicyInfo>(transport, {
    method: 'GET',
    path: '/info-canned-policy',
    query: { name, v: '2' },
    operation: `read policy '${name}'`,
    action: 'admin:GetPolicy',
  })
  const createdAt = timeOrUndefined(raw.CreateDate)
  const updatedAt = timeOrUndefined(raw.UpdateDate)
  return {
    name: raw.PolicyName ?? name,
    document: raw.Policy ?? {},
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  }
}

function policyExists(transport: AdminTransport, name: string): Promise<boolean> {
  return exists(getPolicy(transport, name))
}

function putPolicy(
  transport: AdminTransport,
  name: string,
  document: PolicyDocument | string,
  operation: string,
): Promise<void> {
  const body = Buffer.from(typeof document === 'string' ? document : JSON.stringify(document), 'utf8')
  if (body.length === 0 || body.length > MAX_POLICY_BYTES) {
    throw new AppFailure(
      'INVALID_INPUT',
      `Could not ${operation}: the document is ${body.length} bytes; MinIO accepts 1 to ${MAX_POLICY_BYTES} bytes.`,
    )
  }
  return callNoContent(transport, {
    method: 'PUT',
    path: '/add-canned-policy',
    query: { name },
    body,
    operation,
    action: 'admin:CreatePolicy',
  })
}

/** Creates a policy. CONFLICT when the name exists; INVALID_INPUT with MinIO's reason for a bad document. */
export async function createPolicy(
  transport: AdminTransport,
  name: string,
  document: PolicyDocument | string,
): Promise<void> {
  if (await policyExists(transport, name)) {
    throw new AppFailure(
      'CONFLICT',
      `Policy '${name}' already exists on MinIO at ${transport.endpoint}. Edit it instead, or choose another name.`,
    )
  }
  await putPolicy(transport, name, document, `create policy '${name}'`)
}

/** Replaces an existing policy's document (users and groups mapped to it pick it up). NOT_FOUND when missing. */
export async function updatePolicy(
  transport: AdminTransport,
  name: string,
  document: PolicyDocument | string,
): Promise<void> {
  if (!(await policyExists(transport, name))) {
    throw new AppFailure(
      'NOT_FOUND',
      `Policy '${name}' does not exist on MinIO at ${transport.endpoint}. Create it first.`,
    )
  }
  await putPolicy(transport, name, document, `update policy '${name}'`)
}

/**
 * Deletes a policy. NOT_FOUND when unknown (MinIO itself answers 200). When MinIO refuses because it
 * is still attached, the CONFLICT names the users and groups (also in details) so a UI can offer to
 * detach them.
 */
export async function deletePolicy(transport: AdminTransport, name: string): Promise<void> {
  if (!(await policyExists(transport, name))) {
    throw new AppFailure('NOT_FOUND', `Policy '${name}' does not exist on MinIO at ${transport.endpoint}.`)
  }
  try {
    await callNoContent(transport, {
      method: 'DELETE',
      path: '/remove-canned-policy',
      query: { name },
      operation: `delete policy '${name}'`,
      action: 'admin:DeletePolicy',
    })
  } catch (error) {
    if (!(error instanceof AppFailure) || error.code !== 'CONFLICT') throw error
    const entities = await fetchPolicyEntities(transport, { policies: [name] })
    const mapping = entities.policyMappings.find((item) => item.policy === name)
    throw policyInUseFailure(name, mapping?.users ?? [], mapping?.groups ?? [], error.details)
  }
}

/** The in-use refusal with the entities named: "policy 'x' is still attached to 3 users and 1 group". */
export function policyInUseFailure(
  name: string,
  users: string[],
  groups: string[],
  details: Record<string, unknown> = {},
): AppFailure {
  const parts = [plural(users.length, 'user'), plural(groups.length, 'group')].filter(
    (part) => !part.startsWith('0 '),
  )
  const names = [...users.map((user) => `user '${user}'`), ...groups.map((group) => `group '${group}'`)]
  const listed = names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : '')
  return new AppFailure(
    'CONFLICT',
    `Policy '${name}' is still attached to ${parts.join(' and ') || 'some entities'}${listed ? ` (${listed})` : ''}. Detach it from them first, then delete it.`,
    { ...details, users, groups },
  )
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function describeTarget(target: PolicyTarget): string {
  return 'user' in target ? `user '${target.user}'` : `group '${target.group}'`
}

/**
 * `knownBefore`: the target's attached set, just read by the caller. The reply is then not decrypted:
 * the changed names follow from it (MinIO skips already-attached and not-attached names), which
 * saves the client's Argon2id derivation, the largest cost of a bulk attach. Errors still arrive as
 * error statuses.
 */
export interface ChangeOptions {
  knownBefore?: readonly string[]
}

async function changePolicies(
  transport: AdminTransport,
  operation: 'attach' | 'detach',
  target: PolicyTarget,
  policies: readonly string[],
  options: ChangeOptions = {},
): Promise<PolicyChange> {
  const names = policies.map((policy) => `'${policy}'`).join(', ')
  const phrase =
    operation === 'attach'
      ? `attach policy ${names} to ${describeTarget(target)}`
      : `detach policy ${names} from ${describeTarget(target)}`
  if (policies.length === 0 || policies.some((policy) => !policy)) {
    throw new AppFailure('INVALID_INPUT', `Could not ${phrase}: give at least one non-empty policy name.`)
  }
  // MinIO: the body must be encrypted and sent as exactly application/octet-stream.
  const raw = await callEncrypted<{
    policiesAttached?: string[] | null
    policiesDetached?: string[] | null
    updatedAt?: string
  }>(
    transport,
    {
      method: 'POST',
      path: `/idp/builtin/policy/${operation}`,
      contentType: 'application/octet-stream',
      operation: phrase,
      action: 'admin:UpdatePolicyAssociation',
    },
    { body: { policies, ...target }, encryptedReply: options.knownBefore === undefined },
  )
  if (options.knownBefore) {
    const before = new Set(options.knownBefore)
    return { policies: [...new Set(policies)].filter((policy) => (operation === 'attach' ? !before.has(policy) : before.has(policy))) }
  }
  const updatedAt = timeOrUndefined(raw?.updatedAt)
  return {
    policies: listOf(operation === 'attach' ? raw?.policiesAttached : raw?.policiesDetached),
    ...(updatedAt ? { updatedAt } : {}),
  }
}

/**
 * Attaches policies to a builtin user or group. Already-attached names are skipped; CONFLICT when
 * nothing would change; NOT_FOUND for an unknown (or disabled) user, unknown group or policy.
 */
export function attachPolicies(
  transport: AdminTransport,
  target: PolicyTarget,
  policies: readonly string[],
  options?: ChangeOptions,
): Promise<PolicyChange> {
  return changePolicies(transport, 'attach', target, policies, options)
}

/** Detaches policies; names not attached are ignored; CONFLICT when none of them is attached. */
export function detachPolicies(
  transport: AdminTransport,
  target: PolicyTarget,
  policies: readonly string[],
  options?: ChangeOptions,
): Promise<PolicyChange> {
  return changePolicies(transport, 'detach', target, policies, options)
}
