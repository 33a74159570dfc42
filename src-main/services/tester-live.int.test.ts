// The live differential (issue 10): random users, groups, access keys and policies created with mc on
// the real MinIO, real S3 requests signed with each principal's own credential (minio SDK), and the
// same questions asked of the tester through the contract (tester.loadPrincipal → tester.objectTags
// → tester.evaluate). 100% agreement required. Seed: GATEHOUSE_LIVE_SEED; size: GATEHOUSE_LIVE_SCENARIOS
// (default 60, five requests each). Run under scripts/with-keyring.sh (the connection's secret).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from 'minio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { principalWorkspace, evaluateInput } from '../../src-renderer/features/tester/tester-workspace.ts'
import type { ChannelInput, ChannelOutput } from '../api/contract.ts'
import { dispatch } from '../api/dispatch.ts'
import { createHandlers } from '../api/handlers.ts'
import { createMc, type Mc } from '../testbed/minio/mc-cli.ts'
import { Random, randomSeed } from '../testbed/policy-fuzz/seeded-random.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { AppServices } from './app-services.ts'
import { openAppServices } from './open-app-services.ts'
import { askServer, s3Client, sdkUserAgent, type ServerAnswer } from '../testbed/live-differential/live-s3-requests.ts'
import { WORLD_OBJECTS, principalSpec, requestSpec, type PolicySpec, type PrincipalSpec, type RequestSpec, type World } from '../testbed/live-differential/live-scenarios.ts'

const SEED = Number(process.env.GATEHOUSE_LIVE_SEED ?? randomSeed()) >>> 0
const SCENARIOS = Number(process.env.GATEHOUSE_LIVE_SCENARIOS ?? 60)
const REQUESTS_PER_SCENARIO = 5
const TAG = randomBytes(3).toString('hex')
const world: World = { buckets: [`live-${TAG}-a`, `live-${TAG}-v`], versioned: `live-${TAG}-v` }

let minio: MinioServer
let services: AppServices
let dataDir: string
let connectionId: string
let mc: Mc
let root: Client
/** Older version ids of the world's objects in the versioned bucket. */
const olderVersions = new Map<string, string>()

async function call<C extends 'tester.loadPrincipal' | 'tester.objectTags' | 'tester.evaluate'>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(createHandlers(services, { transport: 'browser', version: 'test' }), channel, input, { warn: () => {}, error: () => {} })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

/** Puts an object as root and tags that version; returns its version id ('' when unversioned). */
async function put(bucket: string, key: string, tags: Record<string, string>): Promise<string> {
  const versionId = (await root.putObject(bucket, key, Buffer.from(key), key.length)).versionId ?? ''
  if (Object.keys(tags).length > 0) await root.setObjectTagging(bucket, key, tags, { versionId })
  return versionId
}

async function createPolicy(policy: PolicySpec): Promise<void> {
  await mc.json('admin', 'policy', 'create', 'ALIAS', policy.name, mc.file(`${policy.name}.json`, JSON.stringify(policy.document)))
}

/** Creates the principal with mc; returns the credential its requests are signed with. */
async function createPrincipal(spec: PrincipalSpec): Promise<{ accessKey: string; secretKey: string; principal: string }> {
  const policies = [...spec.policies, ...spec.groups.flatMap((group) => group.policies)]
  await Promise.all(policies.map(createPolicy))
  const secret = randomBytes(12).toString('hex')
  await mc.json('admin', 'user', 'add', 'ALIAS', spec.user, secret)
  if (spec.policies.length > 0) await mc.json('admin', 'policy', 'attach', 'ALIAS', ...spec.policies.map((policy) => policy.name), '--user', spec.user)
  for (const group of spec.groups) {
    await mc.json('admin', 'group', 'add', 'ALIAS', group.name, spec.user)
    if (group.policies.length > 0) await mc.json('admin', 'policy', 'attach', 'ALIAS', ...group.policies.map((policy) => policy.name), '--group', group.name)
    if (!group.enabled) await mc.json('admin', 'group', 'disable', 'ALIAS', group.name)
  }
  if (!spec.accessKey) return { accessKey: spec.user, secretKey: secret, principal: `user:${spec.user}` }
  const accessKey = `k${spec.user}`
  const keySecret = randomBytes(12).toString('hex')
  const policy = spec.accessKey.policy ? ['--policy', mc.file(`${spec.user}-session.json`, JSON.stringify(spec.accessKey.policy.document))] : []
  await mc.json('admin', 'user', 'svcacct', 'add', 'ALIAS', spec.user, '--access-key', accessKey, '--secret-key', keySecret, ...policy)
  return { accessKey, secretKey: keySecret, principal: `key:${accessKey}` }
}

/** Creates what a request needs first (fresh objects, older versions); returns the version id it names. */
async function prepare(request: RequestSpec): Promise<string | undefined> {
  if (request.seedTags) {
    const first = await put(request.bucket, request.key, request.seedTags)
    if (request.olderVersion) await put(request.bucket, request.key, request.seedTags)
    return request.olderVersion ? first : undefined
  }
  return request.olderVersion ? olderVersions.get(request.key) : undefined
}

async function askTester(state: ChannelOutput<'tester.loadPrincipal'>, principal: string, request: RequestSpec, versionId: string | undefined, userAgent: string) {
  const loaded = principalWorkspace(state, principal)
  if (!loaded) throw new Error(`the tester did not load ${principal}`)
  const readsTags = ['GetObject', 'HeadObject', 'GetObjectTagging', 'DeleteObjectTagging'].includes(request.kind)
  const stored = readsTags ? await call('tester.objectTags', { connectionId, bucket: request.bucket, key: request.key, ...(versionId ? { versionId } : {}) }) : undefined
  const buckets = request.kind === 'ListBuckets' ? (await root.listBuckets()).map((bucket) => bucket.name) : undefined
  const input = evaluateInput({
    documents: loaded.documents.map((document, index) => ({ ...document, id: `d${index}` })),
    userName: loaded.userName, groups: loaded.groups, hasAccessKey: loaded.hasAccessKey, isRoot: false, isOwner: false,
    action: '', bucket: request.bucket, object: request.key, conditions: [], operation: request.kind,
    fields: { versionId: '', tags: '', storedTags: '', sourceBucket: '', sourceKey: '', prefix: '', delimiter: '', maxKeys: '', buckets: '', sendPrefix: false, sendDelimiter: false },
    transport: { secureTransport: state.secureTransport ?? true, sourceIp: '127.0.0.1', authType: 'signed-v4', userAgent, referer: '' },
    semantics: { id: '', serverVersion: state.serverVersion ?? null },
  })
  input.request.operation = {
    kind: request.kind,
    ...(versionId ? { versionId } : {}),
    ...(stored && stored.exists ? { storedTags: stored.tags } : {}),
    ...(request.tags ? { tags: request.tags } : {}),
    ...(request.source ? { source: request.source } : {}),
    ...(request.prefix === undefined ? {} : { prefix: request.prefix, delimiter: request.delimiter ?? '' }),
    ...(request.maxKeys === undefined ? {} : { maxKeys: request.maxKeys }),
    ...(buckets ? { buckets } : {}),
  }
  return call('tester.evaluate', input)
}

interface Disagreement {
  scenario: number
  request: RequestSpec & { versionId?: string }
  principal: PrincipalSpec
  server: ServerAnswer
  tester: { allowed: boolean; listedBuckets?: string[] | undefined; checks: unknown; conditionValues: Record<string, string[]> }
}

beforeAll(async () => {
  minio = await startMinio()
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-tester-live-'))
  services = await openAppServices({ dataDir })
  connectionId = (await services.connections.create({ name: `live-${TAG}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })).id
  const connection = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
  mc = await createMc({ kind: 'single', nodes: [minio], root: connection, stop: () => minio.stop() })
  root = s3Client(minio.endpoint, minio.rootAccessKey, minio.rootSecretKey)
  for (const bucket of world.buckets) await root.makeBucket(bucket)
  await root.setBucketVersioning(world.versioned, { Status: 'Enabled' })
  for (const [key, tags] of Object.entries(WORLD_OBJECTS)) {
    await put(world.buckets[0]!, key, tags)
    olderVersions.set(key, await put(world.versioned, key, tags))
    await put(world.versioned, key, tags)
  }
  // The questions are only as good as the world: its objects really carry their tags.
  expect(await root.getObjectTagging(world.buckets[0]!, 'data/b.txt')).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: 'gold' }]))
}, 60_000)

afterAll(async () => {
  if (connectionId) await services.connections.remove(connectionId)
  services?.close()
  mc?.cleanup()
  await minio?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

/** Runs `work` over the items, `width` at a time (mc and MinIO do the waiting; the machine has 2 cores). */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T)
  }))
}

async function runScenario(scenario: number, spec: PrincipalSpec, requests: RequestSpec[], disagreements: Disagreement[]): Promise<number> {
  const credential = await createPrincipal(spec)
  const state = await call('tester.loadPrincipal', { connectionId, user: spec.user })
  const client = s3Client(minio.endpoint, credential.accessKey, credential.secretKey)
  for (const request of requests) {
    const versionId = await prepare(request)
    const tester = await askTester(state, credential.principal, request, versionId, sdkUserAgent(client))
    const server = await askServer(client, request, versionId)
    const testerListed = tester.operation?.listedBuckets?.slice().sort()
    const agrees = tester.allowed === server.allowed && (request.kind !== 'ListBuckets' || !server.allowed || JSON.stringify(testerListed) === JSON.stringify(server.listedBuckets))
    if (!agrees) {
      disagreements.push({
        scenario, request: { ...request, ...(versionId ? { versionId } : {}) }, principal: spec, server,
        tester: { allowed: tester.allowed, listedBuckets: testerListed, checks: tester.operation?.checks.map(({ conditionValues: _, ...check }) => check), conditionValues: tester.conditionValues },
      })
    }
  }
  return requests.length
}

describe('the tester answers what the live server does', () => {
  it(`agrees with MinIO on every request (seed ${SEED}, ${SCENARIOS} scenarios)`, async () => {
    // Every scenario is drawn first, so a seed replays the same questions whatever the run order.
    const random = new Random(SEED)
    const plans = Array.from({ length: SCENARIOS }, (_, scenario) => {
      const spec = principalSpec(random, world, `${TAG}${scenario}`)
      return { scenario, spec, requests: Array.from({ length: REQUESTS_PER_SCENARIO }, (_, index) => requestSpec(random, world, spec.user, `${scenario}-${index}`)) }
    })
    const disagreements: Disagreement[] = []
    let requests = 0
    await pool(plans, 4, async (plan) => {
      const count = await runScenario(plan.scenario, plan.spec, plan.requests, disagreements)
      requests += count
    })
    const agreed = requests - disagreements.length
    console.log(`live differential: seed ${SEED}, ${SCENARIOS} scenarios, ${requests} real requests, agreed on ${agreed} (${((100 * agreed) / requests).toFixed(2)}%)`)
    const first = disagreements[0]
    const headline = first
      ? `; first: scenario ${first.scenario}, ${first.request.kind} ${first.request.bucket}/${first.request.key}: the server ${first.server.allowed ? 'allowed' : 'denied'} it, the tester ${first.tester.allowed ? 'allowed' : 'denied'} it with the map ${JSON.stringify(first.tester.conditionValues)}`
      : ''
    expect(disagreements.slice(0, 5), `${disagreements.length} disagreement(s); replay with GATEHOUSE_LIVE_SEED=${SEED}${headline}`).toEqual([])
  }, Math.max(180_000, SCENARIOS * 3_000))
})
