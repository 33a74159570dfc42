import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from 'minio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { s3Client } from '../storage/bucket-reader.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { ChannelOutput } from './contract.ts'
import { dispatch } from './dispatch.ts'
import { createHandlers } from './handlers.ts'
import type { ImpactChange, ImpactEntry } from './impact.contract.ts'
import type { Result } from './result.ts'

// The preview's claims checked on the live server: a change is previewed, then applied through the
// same channels the screens use, and for a sample of the gains and losses the affected user (or
// access key) makes the real signed S3 request with its own credentials. Real MinIO, real keyring
// (run under scripts/with-keyring.sh), real audit file.
const tag = randomBytes(3).toString('hex')
const bucket = `imp-${tag}`
const SECRET = 'impact-secret-0123456789'
const users = { alice: `alice-${tag}`, bob: `bob-${tag}`, carol: `carol-${tag}` }
const team = `team-${tag}`
const readPolicy = `read-${tag}`
const writePolicy = `write-${tag}`
const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const READ = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }])
const WRITE = doc([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }])
/** bob's access key, inheriting his policies (MinIO makes up its id and secret). */
const KEY = { accessKey: '', secretKey: '' }

let minio: MinioServer
let services: AppServices
let dataDir: string
let connectionId: string

async function call<T = unknown>(channel: string, input: Record<string, unknown>): Promise<Result<T>> {
  const handlers = createHandlers(services, { transport: 'browser', version: 'test' })
  return dispatch(handlers, channel, { connectionId, ...input }, { warn: () => {}, error: () => {} }) as Promise<Result<T>>
}

async function change(channel: string, input: Record<string, unknown>): Promise<void> {
  const result = await call(channel, input)
  expect(result.ok, JSON.stringify(result)).toBe(true)
}

async function preview(proposed: ImpactChange): Promise<ChannelOutput<'access.impact'>> {
  const result = await call<ChannelOutput<'access.impact'>>('access.impact', { change: proposed })
  if (!result.ok) throw new Error(`access.impact: ${result.error.code} ${result.error.message}`)
  return result.value
}

const secrets = new Map<string, string>(Object.values(users).map((name) => [name, SECRET]))
const drain = (stream: NodeJS.ReadableStream) => new Promise((resolve, reject) => stream.on('data', () => {}).on('end', resolve).on('error', reject))

/** The S3 call for an action on BUCKET/KEY; undefined for actions this test does not make. */
function operation(entry: ImpactEntry): ((client: Client) => Promise<unknown>) | undefined {
  const [name, ...rest] = entry.resource.split('/')
  const key = rest.join('/')
  if (name !== bucket) return undefined
  if (entry.action === 's3:GetObject' && key) return async (client) => drain(await client.getObject(bucket, key))
  if (entry.action === 's3:PutObject' && key) return (client) => client.putObject(bucket, key, Buffer.from('x'))
  if (entry.action === 's3:ListBucket') return (client) => drain(client.listObjectsV2(bucket, key, false))
  return undefined
}

/** The server's answer with the principal's own credentials: allowed or refused. */
async function isAllowedLive(entry: ImpactEntry): Promise<boolean> {
  const run = operation(entry)
  if (!run) throw new Error(`no live operation for ${entry.action}`)
  const client = s3Client({ endpoint: minio.endpoint, accessKey: entry.name, secretKey: secrets.get(entry.name) as string })
  try {
    await run(client)
    return true
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'AccessDenied' || code === 'InvalidAccessKeyId') return false
    throw error
  }
}

/** A sample of the preview's entries the test can make live: users and keys, S3 calls it knows. */
function sample(entries: ImpactEntry[]): ImpactEntry[] {
  const live = entries.filter((entry) => entry.kind !== 'group' && entry.after !== 'conditional' && entry.before !== 'conditional' && operation(entry))
  expect(live.length, 'the preview names some access the test can ask the server about').toBeGreaterThan(0)
  return live
}

/** Previews, checks each sampled entry's "before" live, applies, checks its "after" live. */
async function previewApplyAndCheck(proposed: ImpactChange, apply: () => Promise<void>): Promise<ChannelOutput<'access.impact'>> {
  const impact = await preview(proposed)
  const entries = sample([...impact.gained, ...impact.lost])
  for (const entry of entries) expect({ entry, live: await isAllowedLive(entry) }).toEqual({ entry, live: entry.before === 'allow' })
  await apply()
  for (const entry of entries) expect({ entry, live: await isAllowedLive(entry) }).toEqual({ entry, live: entry.after === 'allow' })
  return impact
}

beforeAll(async () => {
  minio = await startMinio()
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-impact-ipc-'))
  services = await openAppServices({ dataDir })
  connectionId = (await services.connections.create({ name: `local-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })).id
  const root = s3Client({ endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey })
  await root.makeBucket(bucket)
  await root.putObject(bucket, 'x', Buffer.from('content'))
  await change('policies.create', { name: readPolicy, text: READ })
  await change('policies.create', { name: writePolicy, text: WRITE })
  for (const name of [users.alice, users.bob]) await change('users.create', { accessKey: name, secretKey: SECRET })
  await change('groups.create', { name: team, members: [users.bob] })
  await change('policies.attach', { target: { group: team }, policies: [readPolicy] })
  const created = await call<ChannelOutput<'accessKeys.create'>>('accessKeys.create', { targetUser: users.bob })
  if (!created.ok) throw new Error(created.error.message)
  Object.assign(KEY, { accessKey: created.value.accessKey, secretKey: created.value.secretKey })
  secrets.set(KEY.accessKey, KEY.secretKey)
}, 120_000)

afterAll(async () => {
  if (connectionId) await services.connections.remove(connectionId)
  services?.close()
  await minio?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('access.impact against the real MinIO: what the preview claims is what the server then does', () => {
  it('attach to a user: the gains are named, and after applying them the user really has them', async () => {
    const impact = await previewApplyAndCheck({ kind: 'attach', targets: [{ user: users.alice }], policies: [readPolicy] }, () => change('policies.attach', { target: { user: users.alice }, policies: [readPolicy] }))
    expect(impact.lost).toEqual([])
    expect(impact.gained.map((entry) => `${entry.name} ${entry.action} ${entry.resource}`)).toEqual(expect.arrayContaining([`${users.alice} s3:GetObject ${bucket}/x`, `${users.alice} s3:ListBucket ${bucket}`]))
    expect(impact.gained[0]?.decidedBy).toEqual([{ policy: readPolicy, statement: 1, effect: 'Allow' }])
    expect(impact.summary).toEqual([{ kind: 'user', name: users.alice, gained: impact.gained.length, lost: 0 }])
    expect(impact.totals).toEqual({ gained: impact.gained.length, lost: 0, principals: 1 })
  })

  it('detach from the user: the losses, then gone on the server', async () => {
    const impact = await previewApplyAndCheck({ kind: 'detach', targets: [{ user: users.alice }], policies: [readPolicy] }, () => change('policies.detach', { target: { user: users.alice }, policies: [readPolicy] }))
    expect(impact.gained).toEqual([])
    expect(impact.lost.length).toBeGreaterThan(0)
  })

  it('disabling a group: its member and the member\'s access key lose everything; enabling gives it back', async () => {
    const disabled = await previewApplyAndCheck({ kind: 'groupStatus', group: team, status: 'disabled' }, () => change('groups.setStatus', { name: team, status: 'disabled' }))
    expect(disabled.summary.map((row) => `${row.kind}:${row.name}`)).toEqual([`user:${users.bob}`, `accessKey:${KEY.accessKey}`, `group:${team}`])
    const enabled = await previewApplyAndCheck({ kind: 'groupStatus', group: team, status: 'enabled' }, () => change('groups.setStatus', { name: team, status: 'enabled' }))
    expect(enabled.summary.map((row) => `${row.kind}:${row.name}`)).toEqual([`user:${users.bob}`, `accessKey:${KEY.accessKey}`, `group:${team}`])
  })

  it('a policy edit that removes access shows the loss for the group\'s member; a session policy narrows the key', async () => {
    const narrowed = doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }])
    const edit = await previewApplyAndCheck({ kind: 'putPolicy', name: readPolicy, text: narrowed }, () => change('policies.update', { name: readPolicy, text: narrowed }))
    expect(edit.gained).toEqual([])
    expect(edit.lost.map((entry) => `${entry.kind}:${entry.name} ${entry.action}`)).toEqual(expect.arrayContaining([`user:${users.bob} s3:ListBucket`, `accessKey:${KEY.accessKey} s3:ListBucket`]))
    const session = doc([{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`] }])
    const narrowedKey = await previewApplyAndCheck({ kind: 'accessKeyPolicy', accessKey: KEY.accessKey, policy: { mode: 'set', text: session } }, () => change('accessKeys.update', { accessKey: KEY.accessKey, policy: { mode: 'set', text: session } }))
    // bob lost ListBucket with the edit: the session policy cannot give it back, it only takes GetObject away.
    expect(narrowedKey.gained).toEqual([])
    expect(narrowedKey.lost.map((entry) => `${entry.name} ${entry.action} ${entry.resource}`)).toContain(`${KEY.accessKey} s3:GetObject ${bucket}/x`)
  })

  it('membership and user status: adding alice to the group gains its reads; disabling bob loses them', async () => {
    await previewApplyAndCheck({ kind: 'addMembers', group: team, users: [users.alice] }, () => change('groups.addMembers', { name: team, members: [users.alice] }))
    const disabled = await previewApplyAndCheck({ kind: 'userStatus', users: [users.bob], status: 'disabled' }, () => change('users.setStatus', { accessKey: users.bob, status: 'disabled' }))
    expect(disabled.summary.map((row) => row.name)).toEqual([users.bob])
  })

  it('refuses a document with errors before reading the server, naming the line', async () => {
    const result = await call('access.impact', { change: { kind: 'putPolicy', name: readPolicy, text: '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}' } })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(`Cannot preview the impact of policy '${readPolicy}'`) } })
  })

  it('new principals, the bulk key disable and a group delete: previewed, applied, then asked of the server', async () => {
    // A user made with a policy and a group in one form (users.create, then attach, then join).
    const created = await previewApplyAndCheck({ kind: 'createUser', name: users.carol, policies: [writePolicy], groups: [team] }, async () => {
      await change('users.create', { accessKey: users.carol, secretKey: SECRET })
      await change('policies.attach', { target: { user: users.carol }, policies: [writePolicy] })
      await change('groups.addMembers', { name: team, members: [users.carol] })
    })
    expect(created.lost).toEqual([])
    expect(created.gained.map((entry) => `${entry.name} ${entry.action} ${entry.resource}`)).toEqual(expect.arrayContaining([`${users.carol} s3:PutObject ${bucket}/x`, `${users.carol} s3:GetObject ${bucket}/x`]))
    // A new key of carol with a session policy: her access ∩ the policy, asked with the new key's own credentials.
    const session = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }])
    const newKey = await preview({ kind: 'createAccessKey', parent: users.carol, policy: session })
    expect(newKey.gained.map((entry) => `${entry.kind}:${entry.name} ${entry.action} ${entry.resource}`)).toEqual([`accessKey:(new access key) s3:GetObject ${bucket}/x`])
    const made = await call<ChannelOutput<'accessKeys.create'>>('accessKeys.create', { targetUser: users.carol, sessionPolicy: session })
    if (!made.ok) throw new Error(made.error.message)
    secrets.set(made.value.accessKey, made.value.secretKey)
    const asKey = (entry: ImpactEntry): ImpactEntry => ({ ...entry, name: made.value.accessKey })
    expect(await isAllowedLive(asKey(newKey.gained[0] as ImpactEntry))).toBe(true)
    // Carol may not list the bucket (her policies give objects only): the session policy cannot add it.
    expect(await isAllowedLive(asKey({ ...(newKey.gained[0] as ImpactEntry), action: 's3:ListBucket', resource: bucket }))).toBe(false)
    // The bulk disable: the live key loses; bob's key (bob is disabled) had nothing to lose.
    const bulk = await previewApplyAndCheck({ kind: 'accessKeysStatus', accessKeys: [made.value.accessKey, KEY.accessKey], status: 'disabled' }, () =>
      change('accessKeys.bulkSetStatus', { accessKeys: [made.value.accessKey, KEY.accessKey], status: 'disabled' }))
    expect(bulk.summary.map((row) => `${row.kind}:${row.name}`)).toEqual([`accessKey:${made.value.accessKey}`])
    // Deleting the group: its own line is a loss, and alice (whose only access it gave) loses her reads.
    const removed = await previewApplyAndCheck({ kind: 'deleteGroup', group: team }, () => change('groups.remove', { name: team, removeMembersFirst: true }))
    expect(removed.summary.map((row) => `${row.kind}:${row.name}`)).toEqual(expect.arrayContaining([`user:${users.alice}`, `group:${team}`]))
    expect(removed.lost.map((entry) => `${entry.kind}:${entry.name} ${entry.action} ${entry.resource}`)).toContain(`group:${team} s3:GetObject ${bucket}/x`)
  })

  it("a new key of the root account (the connection's own) is previewed from its session policy alone, and the key then may do exactly that", async () => {
    // Root may do everything: the key gains what its session policy allows (MinIO: isOwnerDerived, then the session policy decides).
    const session = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }])
    const newKey = await preview({ kind: 'createAccessKey', policy: session })
    const lines = newKey.gained.map((entry) => `${entry.kind}:${entry.name} ${entry.action} ${entry.resource}`)
    expect(lines).toEqual(expect.arrayContaining([`accessKey:(new access key) s3:GetObject ${bucket}/x`, `accessKey:(new access key) s3:ListBucket ${bucket}`]))
    expect(lines.some((line) => line.includes('s3:PutObject'))).toBe(false)
    expect(newKey.lost).toEqual([])
    // The same preview when root is named as the owner.
    expect((await preview({ kind: 'createAccessKey', parent: minio.rootAccessKey, policy: session })).gained).toEqual(newKey.gained)
    const made = await call<ChannelOutput<'accessKeys.create'>>('accessKeys.create', { sessionPolicy: session })
    if (!made.ok) throw new Error(made.error.message)
    secrets.set(made.value.accessKey, made.value.secretKey)
    const asKey = (entry: ImpactEntry): ImpactEntry => ({ ...entry, name: made.value.accessKey })
    for (const entry of sample(newKey.gained)) expect({ entry: entry.action, live: await isAllowedLive(asKey(entry)) }).toEqual({ entry: entry.action, live: true })
    // What root may do but the session policy does not name: refused to the key, as the preview said (no gain).
    expect(await isAllowedLive(asKey({ ...(newKey.gained[0] as ImpactEntry), action: 's3:PutObject', resource: `${bucket}/y` }))).toBe(false)
    await change('accessKeys.remove', { accessKey: made.value.accessKey })
  })

  it("a connection that signs with a user's access key: a new key of its own account is the user's (MinIO takes the key's parent)", async () => {
    await change('policies.attach', { target: { user: users.carol }, policies: ['consoleAdmin'] })
    const own = await call<ChannelOutput<'accessKeys.create'>>('accessKeys.create', { targetUser: users.carol })
    if (!own.ok) throw new Error(own.error.message)
    const asCarol = (await services.connections.create({ name: `carol-${tag}`, endpoint: minio.endpoint, accessKey: own.value.accessKey, secretKey: own.value.secretKey, tls: { allowSelfSigned: false } })).id
    try {
      const handlers = createHandlers(services, { transport: 'browser', version: 'test' })
      const session = doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }])
      const result = await dispatch(handlers, 'access.impact', { connectionId: asCarol, change: { kind: 'createAccessKey', policy: session } }, { warn: () => {}, error: () => {} }) as Result<ChannelOutput<'access.impact'>>
      if (!result.ok) throw new Error(`access.impact: ${result.error.code} ${result.error.message}`)
      expect(result.value.gained.map((entry) => `${entry.kind}:${entry.name} ${entry.action} ${entry.resource}`)).toEqual([`accessKey:(new access key) s3:GetObject ${bucket}/x`])
    } finally {
      await services.connections.remove(asCarol)
      await change('policies.detach', { target: { user: users.carol }, policies: ['consoleAdmin'] })
    }
  })

  it('a new key of a name that is neither a user nor the connection\'s account: a clear refusal; a later expiry of a valid key changes nothing', async () => {
    const result = await call('access.impact', { change: { kind: 'createAccessKey', parent: `nobody-${tag}`, policy: doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::*'] }]) } })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(`Cannot preview a new key of 'nobody-${tag}': it is not a MinIO user`) } })
    const later = await preview({ kind: 'accessKeyExpiry', accessKey: KEY.accessKey, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() })
    expect([later.gained, later.lost]).toEqual([[], []])
  })
})
