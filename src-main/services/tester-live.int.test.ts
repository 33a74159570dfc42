// The live differential (issue 10): random users, groups, access keys and policies created with mc on
// the real MinIO, real S3 requests signed with each principal's own credential (minio SDK), and the
// same questions asked of the tester through the contract (tester.loadPrincipal → tester.objectTags
// → tester.evaluate). 100% agreement required. Seed: GATEHOUSE_LIVE_SEED; size: GATEHOUSE_LIVE_SCENARIOS
// (default 60, five requests each). Run under scripts/with-keyring.sh (the connection's secret).
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Random, randomSeed } from '../testbed/policy-fuzz/seeded-random.ts'
import { askServer, s3Client, sdkUserAgent, type ServerAnswer } from '../testbed/live-differential/live-s3-requests.ts'
import { WORLD_OBJECTS, principalSpec, requestSpec, type PrincipalSpec, type RequestSpec, type World } from '../testbed/live-differential/live-scenarios.ts'
import { testerInput, useLiveTester } from '../testbed/live-differential/live-tester.ts'
import type { ChannelOutput } from '../api/contract.ts'

const SEED = Number(process.env.GATEHOUSE_LIVE_SEED ?? randomSeed()) >>> 0
const SCENARIOS = Number(process.env.GATEHOUSE_LIVE_SCENARIOS ?? 60)
const REQUESTS_PER_SCENARIO = 5
const TAG = randomBytes(3).toString('hex')
const world: World = { buckets: [`live-${TAG}-a`, `live-${TAG}-v`], versioned: `live-${TAG}-v` }

/** Older version ids of the world's objects in the versioned bucket. */
const olderVersions = new Map<string, string>()

const live = useLiveTester(`live-${TAG}`, world, async () => {
  for (const [key, tags] of Object.entries(WORLD_OBJECTS)) {
    await put(world.buckets[0]!, key, tags)
    olderVersions.set(key, await put(world.versioned, key, tags))
    await put(world.versioned, key, tags)
  }
  // The questions are only as good as the world: its objects really carry their tags.
  expect(await live.root.getObjectTagging(world.buckets[0]!, 'data/b.txt')).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: 'gold' }]))
})

/** Puts an object as root and tags that version; returns its version id ('' when unversioned). */
async function put(bucket: string, key: string, tags: Record<string, string>): Promise<string> {
  const versionId = (await live.root.putObject(bucket, key, Buffer.from(key), key.length)).versionId ?? ''
  if (Object.keys(tags).length > 0) await live.root.setObjectTagging(bucket, key, tags, { versionId })
  return versionId
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
  const input = testerInput(state, principal, request, userAgent)
  const readsTags = ['GetObject', 'HeadObject', 'GetObjectTagging', 'DeleteObjectTagging'].includes(request.kind)
  const stored = readsTags ? await live.call('tester.objectTags', { connectionId: live.connectionId, bucket: request.bucket, key: request.key, ...(versionId ? { versionId } : {}) }) : undefined
  const buckets = request.kind === 'ListBuckets' ? (await live.root.listBuckets()).map((bucket) => bucket.name) : undefined
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
  return live.call('tester.evaluate', input)
}

interface Disagreement {
  scenario: number
  request: RequestSpec & { versionId?: string }
  principal: PrincipalSpec
  server: ServerAnswer
  tester: { allowed: boolean; listedBuckets?: string[] | undefined; checks: unknown; conditionValues: Record<string, string[]> }
}

/** Runs `work` over the items, `width` at a time (mc and MinIO do the waiting; the machine has 2 cores). */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T)
  }))
}

async function runScenario(scenario: number, spec: PrincipalSpec, requests: RequestSpec[], disagreements: Disagreement[]): Promise<number> {
  const credential = await live.createPrincipal(spec)
  const state = await live.call('tester.loadPrincipal', { connectionId: live.connectionId, user: spec.user })
  const client = s3Client(live.minio.endpoint, credential.accessKey, credential.secretKey)
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
