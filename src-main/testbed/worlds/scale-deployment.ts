import { runBulk } from '../../bulk/bulk-runner.ts'
import { encryptPayload } from '../../minio/crypto/payload.ts'
import { AdminTransport } from '../../minio/transport.ts'
import type { MinioServer } from '../minio/minio-server.ts'

/** The size of a real deployment the IAM screens are tested and benchmarked on. */
export const SCALE = { users: 10_000, groups: 200, policies: 500, accessKeys: 2_000 } as const

export type ScaleSize = { [K in keyof typeof SCALE]: number }

const pad = (index: number, width: number) => String(index).padStart(width, '0')
/** Names are zero-padded so their order is the list order: the last user is `scale-user-09999`. */
export const scaleNames = {
  user: (index: number) => `scale-user-${pad(index, 5)}`,
  group: (index: number) => `scale-group-${pad(index, 3)}`,
  policy: (index: number) => `scale-policy-${pad(index, 3)}`,
  accessKey: (index: number) => `scalekey${pad(index, 5)}`,
}

/** The secrets every scale user and access key is made with (a throwaway server: tests sign as them). */
export const SCALE_SECRETS = { user: 'scale-user-secret', accessKey: 'scale-key-secret' } as const

/** Members of a group: group g holds users g·size … g·size + size − 1. */
export const scaleGroupSize = (size: ScaleSize = SCALE) => Math.ceil(size.users / Math.max(size.groups, 1))

/** The bucket policy `index` allows s3:GetObject on (every object of it). */
export const scaleBucket = (index: number) => `scale-${pad(index, 3)}`

/**
 * Who holds policy `index` in the deployment as filled (below), so who may s3:GetObject on an
 * object of scaleBucket(index): the groups it is attached to, their members and the users it is
 * attached to directly (the first `accessKeys` users, policy i mod policies), and those users' keys
 * (user i owns key i, inheriting). Sorted by name.
 */
export function scaleHolders(index: number, size: ScaleSize = SCALE): { users: string[]; accessKeys: string[]; groups: string[] } {
  const groups = range(size.groups).filter((group) => group % size.policies === index)
  const members = groups.flatMap((group) => range(scaleGroupSize(size)).map((offset) => group * scaleGroupSize(size) + offset)).filter((user) => user < size.users)
  const direct = range(Math.min(size.accessKeys, size.users)).filter((user) => user % size.policies === index)
  const users = [...new Set([...members, ...direct])].sort((left, right) => left - right)
  return { users: users.map(scaleNames.user), accessKeys: users.filter((user) => user < size.accessKeys).map(scaleNames.accessKey), groups: groups.map(scaleNames.group) }
}

/** The policies user `index` holds (directly, then through its group). */
export function scalePoliciesOf(index: number, size: ScaleSize = SCALE): number[] {
  const own = index < size.accessKeys ? [index % size.policies] : []
  return [...new Set([...own, Math.floor(index / scaleGroupSize(size)) % size.policies])]
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index)

export interface ScaleReport {
  size: ScaleSize
  /** Seconds per phase and in total, as measured while filling. */
  seconds: Record<'users' | 'policies' | 'groups' | 'attachments' | 'accessKeys' | 'total', number>
}

/**
 * Fills a throwaway MinIO with `size` users, groups (each user in one group), policies (one per
 * group and one per access-key owner) and access keys (one per owner, the first users), with raw
 * admin calls in parallel. Setup only, not audited: every call is the one MinIO's admin API takes,
 * and every encrypted body uses madmin's id 2 (PBKDF2, decrypted by any MinIO build, §2.3), so the
 * server does not spend seconds of Argon2 on each. Throws on the first refused call.
 */
export async function fillScaleDeployment(server: MinioServer, size: ScaleSize = SCALE, concurrency = 16): Promise<ScaleReport> {
  const transport = new AdminTransport({ endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey, timeoutMs: 120_000 })
  const seconds: Partial<ScaleReport['seconds']> = {}
  const started = performance.now()
  const phase = async <T>(name: keyof ScaleReport['seconds'], items: readonly T[], run: (item: T) => Promise<unknown>) => {
    const start = performance.now()
    const report = await runBulk(items, { label: String, run }, { concurrency })
    const failed = report.results.find((result) => result.status !== 'ok')
    if (failed) throw new Error(`Filling the scale deployment: ${name} '${failed.label}' failed: ${failed.error?.code}: ${failed.error?.message}`)
    seconds[name] = round((performance.now() - start) / 1000)
  }
  try {
    await waitForIam(transport)
    const userBody = await encryptPayload(server.rootSecretKey, Buffer.from(JSON.stringify({ secretKey: SCALE_SECRETS.user, status: 'enabled' })), 2)
    await phase('users', range(size.users), (index) =>
      transport.send({ method: 'PUT', path: '/add-user', query: { accessKey: scaleNames.user(index) }, body: userBody, operation: 'scale setup' }))
    await phase('policies', range(size.policies), (index) => {
      const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${scaleBucket(index)}/*`] }] }
      return transport.send({ method: 'PUT', path: '/add-canned-policy', query: { name: scaleNames.policy(index) }, body: Buffer.from(JSON.stringify(document)), operation: 'scale setup' })
    })
    const groupSize = scaleGroupSize(size)
    await phase('groups', range(size.groups), (group) => {
      const members = range(groupSize).map((offset) => group * groupSize + offset).filter((index) => index < size.users).map(scaleNames.user)
      const body = Buffer.from(JSON.stringify({ group: scaleNames.group(group), members, isRemove: false }))
      return transport.send({ method: 'PUT', path: '/update-group-members', body, contentType: 'application/json', operation: 'scale setup' })
    })
    // Every group and every access-key owner gets a policy (MinIO makes no key for a user without one).
    const attachments = [
      ...range(size.groups).map((index) => ({ name: scaleNames.group(index), policy: scaleNames.policy(index % size.policies), isGroup: true })),
      ...range(size.accessKeys).map((index) => ({ name: scaleNames.user(index), policy: scaleNames.policy(index % size.policies), isGroup: false })),
    ]
    await phase('attachments', attachments, ({ name, policy, isGroup }) =>
      transport.send({ method: 'PUT', path: '/set-user-or-group-policy', query: { policyName: policy, userOrGroup: name, isGroup: String(isGroup) }, operation: 'scale setup' }))
    await phase('accessKeys', range(size.accessKeys), async (index) => {
      const body = { targetUser: scaleNames.user(index), accessKey: scaleNames.accessKey(index), secretKey: SCALE_SECRETS.accessKey, name: `key ${index}` }
      const encrypted = await encryptPayload(server.rootSecretKey, Buffer.from(JSON.stringify(body)), 2)
      return transport.send({ method: 'PUT', path: '/add-service-account', body: encrypted, operation: 'scale setup' })
    })
    seconds.total = round((performance.now() - started) / 1000)
    return { size, seconds: seconds as ScaleReport['seconds'] }
  } finally {
    transport.close()
  }
}

/** IAM answers 503 XMinioServerNotInitialized for a moment after the server is live. */
async function waitForIam(transport: AdminTransport): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const ready = await transport.send({ method: 'GET', path: '/groups', operation: 'scale setup' }).then(() => true, () => false)
    if (ready) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error('MinIO IAM did not become ready within 30 s')
}

const round = (value: number) => Math.round(value * 10) / 10
