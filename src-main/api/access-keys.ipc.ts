import type { AccessKeyDetails, AccessKeyUpdate, PolicyDocument } from '../minio/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { AppFailure } from './result.ts'
import type { AccessKeyDetail, AccessKeyRow, accessKeysContract } from './access-keys.contract.ts'
import type { DomainHandlers } from './dispatch.ts'
import { withAdmin, withAudited } from './iam-kit.ts'

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

function detail(key: AccessKeyDetails): AccessKeyDetail {
  const { policy, ...rest } = key
  return { ...rest, ...(!key.impliedPolicy && policy ? { sessionPolicy: JSON.stringify(policy, null, 2) } : {}) }
}

function readKey(services: AppServices, connectionId: string, accessKey: string): Promise<AccessKeyDetail> {
  return withAdmin(services, connectionId, async (client) => detail(await client.getAccessKey(accessKey)))
}

/** The update as the admin client takes it; `keep` leaves `policy` undefined so the current one is re-sent (§4.8). */
export function toAccessKeyUpdate(input: {
  name?: string | undefined
  description?: string | undefined
  expiresAt?: string | undefined
  status?: 'enabled' | 'disabled' | undefined
  policy: { mode: 'keep' } | { mode: 'inherit' } | { mode: 'set'; text: string }
}): AccessKeyUpdate {
  return {
    ...(input.name ? { name: input.name } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.policy.mode === 'set' ? { policy: parseSessionPolicy(input.policy.text) } : {}),
    ...(input.policy.mode === 'inherit' ? { policy: null } : {}),
  }
}

async function listAll(services: AppServices, connectionId: string, users: string[] | undefined): Promise<AccessKeyRow[]> {
  const byUser = await withAdmin(services, connectionId, (client) => client.listAccessKeysBulk(users ?? 'all', 'svcacc-only'))
  return Object.entries(byUser)
    .flatMap(([user, lists]) => lists.serviceAccounts.map((key) => ({ user, accessKey: key.accessKey, ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}) })))
    .sort((left, right) => left.user.localeCompare(right.user) || left.accessKey.localeCompare(right.accessKey))
}

/** Access-key channels: reads through the admin client, changes through the audited IAM layer. */
export function accessKeysHandlers(services: AppServices): DomainHandlers<typeof accessKeysContract> {
  return {
    'accessKeys.list': ({ connectionId, user }) => withAdmin(services, connectionId, (client) => client.listAccessKeys(user)),
    'accessKeys.listAll': ({ connectionId, users }) => listAll(services, connectionId, users),
    'accessKeys.get': ({ connectionId, accessKey }) => readKey(services, connectionId, accessKey),
    'accessKeys.create': ({ connectionId, targetUser, name, description, expiresAt, sessionPolicy }) => {
      const policy = sessionPolicy?.trim() ? parseSessionPolicy(sessionPolicy) : undefined
      return withAudited(services, connectionId, (iam) =>
        iam.createAccessKey({
          ...(targetUser ? { targetUser } : {}),
          ...(name ? { name } : {}),
          ...(description ? { description } : {}),
          ...(expiresAt ? { expiresAt } : {}),
          ...(policy ? { policy } : {}),
        }))
    },
    'accessKeys.update': async ({ connectionId, accessKey, ...input }) => {
      const update = toAccessKeyUpdate(input)
      await withAudited(services, connectionId, (iam) => iam.updateAccessKey(accessKey, update))
      return readKey(services, connectionId, accessKey)
    },
    'accessKeys.setStatus': async ({ connectionId, accessKey, status }) => {
      await withAudited(services, connectionId, (iam) => iam.setAccessKeyStatus(accessKey, status))
      return readKey(services, connectionId, accessKey)
    },
    'accessKeys.remove': async ({ connectionId, accessKey }) => {
      await withAudited(services, connectionId, (iam) => iam.deleteAccessKey(accessKey))
      return { removed: true as const }
    },
  }
}
