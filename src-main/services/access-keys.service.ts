import { AppFailure } from '../api/result.ts'
import type { AccessKeyDetails, AccessKeyUpdate, CreatedAccessKey, EntityStatus, PolicyDocument } from '../minio/index.ts'
import type { IamReader, IamSession } from './iam-session.ts'
import type { AccessKeyDetail } from './views.types.ts'

/** The Access keys screen's views and changes, composed on one IAM session. */

/** Parses a session policy text; INVALID_INPUT with the parser's reason when it is not a JSON object. */
export function parseSessionPolicy(text: string): PolicyDocument {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new AppFailure('INVALID_INPUT', `The session policy is not valid JSON (${error instanceof Error ? error.message : String(error)}). Fix it, or leave it empty to inherit the owner's policies.`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppFailure('INVALID_INPUT', 'The session policy must be a JSON object with Version and Statement.')
  }
  // MinIO: a session policy is at most 4096 bytes once re-serialised compactly (§4.5).
  const size = new TextEncoder().encode(JSON.stringify(parsed)).length
  if (size > 4096) throw new AppFailure('INVALID_INPUT', `The session policy is ${size} bytes once compacted; MinIO accepts at most 4096.`)
  return parsed as PolicyDocument
}

/** What the screen asks to change of a key; `keep` re-sends the current session policy (§4.8). */
export interface AccessKeyChange {
  name?: string | undefined
  description?: string | undefined
  expiresAt?: string | undefined
  status?: EntityStatus | undefined
  policy: { mode: 'keep' } | { mode: 'inherit' } | { mode: 'set'; text: string }
}

/** The update as the admin client takes it; `keep` leaves `policy` undefined so the current one is re-sent (§4.8). */
export function toAccessKeyUpdate(input: AccessKeyChange): AccessKeyUpdate {
  return {
    ...(input.name ? { name: input.name } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.policy.mode === 'set' ? { policy: parseSessionPolicy(input.policy.text) } : {}),
    ...(input.policy.mode === 'inherit' ? { policy: null } : {}),
  }
}

function detail(key: AccessKeyDetails): AccessKeyDetail {
  const { policy, ...rest } = key
  return { ...rest, ...(!key.impliedPolicy && policy ? { sessionPolicy: JSON.stringify(policy, null, 2) } : {}) }
}

/** `accessKeys.get`: the key's metadata and session policy text (never its secret). */
export async function getAccessKey(reader: IamReader, accessKey: string): Promise<AccessKeyDetail> {
  return detail(await reader.getAccessKey(accessKey))
}

/** `accessKeys.create`: a new key (generated pair) for `targetUser` or the connected account; its secret, once. */
export function createAccessKey(iam: IamSession, input: { targetUser?: string | undefined; name?: string | undefined; description?: string | undefined; expiresAt?: string | undefined; sessionPolicy?: string | undefined }): Promise<CreatedAccessKey> {
  const policy = input.sessionPolicy?.trim() ? parseSessionPolicy(input.sessionPolicy) : undefined
  return iam.createAccessKey({
    ...(input.targetUser ? { targetUser: input.targetUser } : {}),
    ...(input.name ? { name: input.name } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    ...(policy ? { policy } : {}),
  })
}

/** `accessKeys.update`: one audited change, then the key as MinIO now reports it. */
export async function updateAccessKey(iam: IamSession, accessKey: string, change: AccessKeyChange): Promise<AccessKeyDetail> {
  await iam.updateAccessKey(accessKey, toAccessKeyUpdate(change))
  return getAccessKey(iam, accessKey)
}

/** `accessKeys.setStatus`: one audited change, then the key as MinIO now reports it. */
export async function setAccessKeyStatus(iam: IamSession, accessKey: string, status: EntityStatus): Promise<AccessKeyDetail> {
  await iam.setAccessKeyStatus(accessKey, status)
  return getAccessKey(iam, accessKey)
}
