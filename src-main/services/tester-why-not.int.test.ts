// tester.whyNot against the real MinIO: for denied questions (hand-picked kinds of denial, then a
// seeded random sample of the live differential's principals), the server denies the request signed
// with the principal's own credential, the top policy suggestion is applied to the server, and the
// server then allows the same request. Seed: GATEHOUSE_LIVE_SEED; size: GATEHOUSE_WHYNOT_LIVE_SCENARIOS.
// Run under scripts/with-keyring.sh (the connection's secret).
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../api/contract.ts'
import { askServer, s3Client, sdkUserAgent } from '../testbed/live-differential/live-s3-requests.ts'
import { principalSpec, requestSpec, WORLD_OBJECTS, type PrincipalSpec, type RequestSpec, type World } from '../testbed/live-differential/live-scenarios.ts'
import { testerInput, useLiveTester } from '../testbed/live-differential/live-tester.ts'
import { Random, randomSeed } from '../testbed/policy-fuzz/seeded-random.ts'

const SEED = Number(process.env.GATEHOUSE_LIVE_SEED ?? randomSeed()) >>> 0
const RANDOM_SCENARIOS = Number(process.env.GATEHOUSE_WHYNOT_LIVE_SCENARIOS ?? 30)
const TAG = randomBytes(3).toString('hex')
const BUCKET = `wn-${TAG}`
const world: World = { buckets: [BUCKET, `wn-${TAG}-v`], versioned: `wn-${TAG}-v` }

const live = useLiveTester(`why-not-${TAG}`, world, async ({ root }) => {
  for (const bucket of world.buckets) {
    for (const [key, tags] of Object.entries({ ...WORLD_OBJECTS, 'app/a.log': {}, 'web/b.log': {} })) {
      const { versionId } = await root.putObject(bucket, key, Buffer.from(key), key.length)
      if (Object.keys(tags).length > 0) await root.setObjectTagging(bucket, key, tags, { versionId: versionId ?? '' })
    }
  }
})

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements })

/** The tester's input for the request, as the Policy tester builds it for a loaded principal. */
function whyNotInput(state: ChannelOutput<'tester.loadPrincipal'>, principal: string, request: RequestSpec, userAgent: string): ChannelInput<'tester.evaluate'> {
  const input = testerInput(state, principal, request, userAgent)
  input.request.operation = { kind: request.kind, ...(request.prefix === undefined ? {} : { prefix: request.prefix, delimiter: request.delimiter ?? '' }), ...(request.tags ? { tags: request.tags } : {}) }
  return input
}

/** Applies a suggestion's changed documents to the server: policies by name, a new one attached to the user, a session policy to the key. */
async function applyToServer(suggestion: ChannelOutput<'tester.whyNot'>['suggestions'][number], user: string, accessKey: string): Promise<void> {
  for (const change of suggestion.changes) {
    if (change.documentName.startsWith('session policy of ')) {
      await live.mc.json('admin', 'user', 'svcacct', 'edit', 'ALIAS', accessKey, '--policy', live.mc.file(`${accessKey}-fixed.json`, change.after))
    } else if (change.isNew) {
      const name = `${change.documentName}-${user}`
      await live.call('policies.create', { connectionId: live.connectionId, name, text: change.after })
      await live.call('policies.attach', { connectionId: live.connectionId, target: { user }, policies: [name] })
    } else await live.call('policies.update', { connectionId: live.connectionId, name: change.documentName, text: change.after })
  }
  for (const item of suggestion.detach ?? []) {
    const target = item.from === 'the user' ? { user } : { group: item.from.replace(/^group /, '') }
    await live.call('policies.detach', { connectionId: live.connectionId, target, policies: [item.documentName] })
  }
}

type Outcome = 'fixed' | 'not denied' | 'no policy suggestion'

/** One denied question end to end: server denies, whyNot suggests, the top policy change applied, server allows. */
async function fixOnServer(spec: PrincipalSpec, request: RequestSpec): Promise<Outcome> {
  const credential = await live.createPrincipal(spec)
  const client = s3Client(live.minio.endpoint, credential.accessKey, credential.secretKey)
  if ((await askServer(client, request, undefined)).allowed) return 'not denied'
  const state = await live.call('tester.loadPrincipal', { connectionId: live.connectionId, user: spec.user })
  const input = whyNotInput(state, credential.principal, request, sdkUserAgent(client))
  expect((await live.call('tester.evaluate', input)).allowed, `the tester agrees that ${request.kind} is denied`).toBe(false)
  const answer = await live.call('tester.whyNot', input)
  const top = answer.suggestions.find((suggestion) => !suggestion.requestChange && (suggestion.changes.length > 0 || (suggestion.detach ?? []).length > 0))
  if (!top) return 'no policy suggestion'
  await applyToServer(top, spec.user, credential.accessKey)
  const after = await askServer(client, request, undefined)
  expect(after.allowed, `after "${top.title}" the server allows ${request.kind} ${request.bucket}/${request.key}`).toBe(true)
  return 'fixed'
}

const user = (name: string, policies: Array<{ name: string; document: object }>, extra: Partial<PrincipalSpec> = {}): PrincipalSpec =>
  ({ user: `${name}${TAG}`, policies: policies.map((policy) => ({ name: `${policy.name}-${TAG}`, document: policy.document })) as PrincipalSpec['policies'], groups: [], accessKey: null, ...extra })
const logsApp = { name: 'logs-app', document: doc({ Sid: 'ReadApp', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${BUCKET}/app/*`] }) }

const HAND_PICKED: Array<{ title: string; spec: () => PrincipalSpec; request: RequestSpec }> = [
  { title: 'a missing action', spec: () => user('act', [logsApp]), request: { kind: 'PutObject', bucket: BUCKET, key: 'app/new.log' } },
  { title: 'a resource outside the pattern', spec: () => user('res', [logsApp]), request: { kind: 'GetObject', bucket: BUCKET, key: 'web/b.log' } },
  {
    title: 'a Deny from outside the office network',
    spec: () => user('deny', [logsApp, { name: 'office', document: doc({ Sid: 'OfficeOnly', Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }) }]),
    request: { kind: 'GetObject', bucket: BUCKET, key: 'app/a.log' },
  },
  {
    // MinIO refuses a policy without statements: the Deny cannot be removed, its policy is detached.
    title: 'a Deny that is its policy\'s only statement',
    spec: () => user('only', [logsApp, { name: 'no-app-reads', document: doc({ Effect: 'Deny', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${BUCKET}/app/*`] }) }]),
    request: { kind: 'GetObject', bucket: BUCKET, key: 'app/a.log' },
  },
  {
    title: 'a condition on the client',
    spec: () => user('agent', [{ name: 'backup-tool', document: doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${BUCKET}/*`], Condition: { StringEquals: { 'aws:UserAgent': ['backup-tool/1.0'] } } }) }]),
    request: { kind: 'GetObject', bucket: BUCKET, key: 'app/a.log' },
  },
  {
    title: 'listing outside the allowed prefix',
    spec: () => user('list', [{ name: 'list-app', document: doc({ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${BUCKET}`], Condition: { StringLike: { 's3:prefix': ['app/*'] } } }) }]),
    request: { kind: 'ListObjectsV2', bucket: BUCKET, key: '', prefix: 'web/', delimiter: '/' },
  },
  {
    title: 'an access key whose session policy narrows the parent',
    spec: () => user('key', [{ name: 'bucket-rw', document: doc({ Effect: 'Allow', Action: ['s3:*'], Resource: [`arn:aws:s3:::${BUCKET}/*`] }) }], { accessKey: { policy: { name: 'session', document: doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${BUCKET}/*`] }) as PrincipalSpec['policies'][number]['document'] } } }),
    request: { kind: 'PutObject', bucket: BUCKET, key: 'web/new.log' },
  },
]

describe('tester.whyNot: the top suggestion, applied to the live server, makes it allow', () => {
  for (const scenario of HAND_PICKED) {
    it(scenario.title, async () => {
      expect(await fixOnServer(scenario.spec(), scenario.request)).toBe('fixed')
    }, 60_000)
  }

  it(`a seeded random sample of denied questions (seed ${SEED}, ${RANDOM_SCENARIOS} principals)`, async () => {
    const random = new Random(SEED)
    const outcomes: Record<Outcome, number> = { fixed: 0, 'not denied': 0, 'no policy suggestion': 0 }
    for (let scenario = 0; scenario < RANDOM_SCENARIOS; scenario++) {
      const spec = principalSpec(random, world, `r${TAG}${scenario}`)
      // Object writes and reads of fresh keys, listings and tagging: requests the harness answers without setup.
      const request = requestSpec(random, world, spec.user, `${scenario}`)
      if (request.seedTags || request.olderVersion || request.kind === 'ListBuckets' || request.kind === 'CopyObject' || request.kind.endsWith('Tagging') || request.kind === 'HeadObject') continue
      outcomes[await fixOnServer(spec, request)]++
    }
    console.log(`why-not live: seed ${SEED}, ${JSON.stringify(outcomes)}`)
    expect(outcomes.fixed, `replay with GATEHOUSE_LIVE_SEED=${SEED}`).toBeGreaterThan(0)
  }, Math.max(180_000, RANDOM_SCENARIOS * 15_000))
})
