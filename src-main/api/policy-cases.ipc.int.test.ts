import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { policyWorker } from '../services/policy-worker.ts'
import { s3Client } from '../testbed/live-differential/live-s3-requests.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { ChannelOutput } from './contract.ts'
import { dispatch } from './dispatch.ts'
import { createHandlers } from './handlers.ts'
import type { Result } from './result.ts'

// The real MinIO and keyring (scripts/with-keyring.sh), the real data directory: saved cases are
// kept locally, run through the policy worker, and what they claim is asked of the live server.
const tag = randomBytes(3).toString('hex')
const bucket = `team-${tag}`
const policy = `team-read-${tag}`
const user = `carol-${tag}`
const secret = randomBytes(15).toString('hex')
const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }] }, null, 2)

let minio: MinioServer
let services: AppServices
let dataDir: string
let connectionId: string

async function call(channel: string, input: Record<string, unknown>): Promise<Result<unknown>> {
  const handlers = createHandlers(services, { transport: 'browser', version: 'test' })
  return dispatch(handlers, channel, channel === 'policies.catalogue' ? input : { connectionId, ...input }, { warn: () => {}, error: () => {} })
}

async function must<C extends 'policyCases.list' | 'policyCases.save' | 'policyCases.remove' | 'policyCases.run' | 'policies.catalogue' | 'policies.buckets'>(channel: C, input: Record<string, unknown>): Promise<ChannelOutput<C>> {
  const result = await call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

beforeAll(async () => {
  minio = await startMinio()
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-cases-ipc-'))
  services = await openAppServices({ dataDir })
  connectionId = (await services.connections.create({ name: `local-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })).id
  expect((await call('policies.create', { name: policy, text })).ok).toBe(true)
  expect((await call('users.create', { accessKey: user, secretKey: secret })).ok).toBe(true)
  expect((await call('policies.attach', { target: { user }, policies: [policy] })).ok).toBe(true)
  const root = s3Client(minio.endpoint, minio.rootAccessKey, minio.rootSecretKey)
  await root.makeBucket(bucket)
  await root.putObject(bucket, 'a.txt', 'hello')
})

afterAll(async () => {
  if (connectionId) await services.connections.remove(connectionId)
  services?.close()
  await policyWorker.close()
  await minio?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const reads = { name: 'carol reads a team file', request: { action: 's3:GetObject', bucket, object: 'a.txt' }, expect: 'allow' }
const noWrite = { name: 'carol cannot write', request: { action: 's3:PutObject', bucket, object: 'b.txt' }, expect: 'deny' }

describe('policyCases channels', () => {
  it('saves, lists and removes cases per connection and policy, refusing a case without a name', async () => {
    await must('policyCases.save', { policy, case: reads })
    expect((await must('policyCases.save', { policy, case: noWrite })).map((item) => item.name)).toEqual([reads.name, noWrite.name])
    expect(await must('policyCases.list', { policy: `${policy}-other` })).toEqual([])
    const refused = await call('policyCases.save', { policy, case: { ...reads, name: ' ' } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await must('policyCases.list', { policy })).map((item) => item.name)).toEqual([reads.name, noWrite.name])
  })

  it('keeps one connection’s cases whether it is named or given by id, refuses an unknown connection, and drops them with the connection', async () => {
    const byName = await call('policyCases.list', { connectionId: `local-${tag}`, policy })
    expect(byName).toMatchObject({ ok: true, value: [{ name: reads.name }, { name: noWrite.name }] })
    expect(await call('policyCases.save', { connectionId: 'no-such-connection', policy, case: reads })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(readdirSync(join(dataDir, 'policy-cases'))).toHaveLength(1)
    const other = (await services.connections.create({ name: `other-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })).id
    expect(await call('policyCases.save', { connectionId: other, policy, case: reads })).toMatchObject({ ok: true })
    expect(readdirSync(join(dataDir, 'policy-cases'))).toHaveLength(2)
    await services.connections.remove(other)
    expect(readdirSync(join(dataDir, 'policy-cases'))).toHaveLength(1)
    expect(existsSync(join(dataDir, 'policy-cases'))).toBe(true)
  })

  it('runs the saved cases against a draft, and the live server answers as the passing ones claim', async () => {
    expect((await must('policyCases.run', { policy, text })).every((row) => row.passed)).toBe(true)
    // The saved policy is attached to carol: her own requests get the answers the cases expect.
    const carol = s3Client(minio.endpoint, user, secret)
    await expect(carol.getObject(bucket, 'a.txt')).resolves.toBeDefined()
    await expect(carol.putObject(bucket, 'b.txt', 'x')).rejects.toMatchObject({ code: 'AccessDenied' })
    const draft = text.replace('s3:GetObject', 's3:PutObject')
    const broken = await must('policyCases.run', { policy, text: draft })
    expect(broken.filter((row) => !row.passed).map((row) => [row.name, row.actual])).toEqual([[reads.name, 'implicitDeny'], [noWrite.name, 'allow']])
    await must('policyCases.remove', { policy, name: noWrite.name })
    expect((await must('policyCases.list', { policy })).map((item) => item.name)).toEqual([reads.name])
  })

  it('deleting a policy keeps its saved cases unless asked (a policy of that name created again finds them); asked, they go; refused by MinIO, nothing goes', async () => {
    const other = `${policy}-gone`
    expect((await call('policies.create', { name: other, text })).ok).toBe(true)
    await must('policyCases.save', { policy: other, case: reads })
    await must('policyCases.save', { policy: other, case: noWrite })
    // Attached, MinIO refuses the delete: the cases stay even though their deletion was asked for.
    expect((await call('policies.attach', { target: { user }, policies: [other] })).ok).toBe(true)
    expect(await call('policies.remove', { name: other, deleteSavedCases: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await must('policyCases.list', { policy: other })).toHaveLength(2)
    expect((await call('policies.detach', { target: { user }, policies: [other] })).ok).toBe(true)
    // The option starts off: the cases are kept, and found again under a new policy of that name.
    expect(await call('policies.remove', { name: other })).toEqual({ ok: true, value: { removed: true, deletedCases: 0 } })
    expect((await call('policies.get', { name: other }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await call('policies.create', { name: other, text })).ok).toBe(true)
    expect((await must('policyCases.list', { policy: other })).map((item) => item.name)).toEqual([reads.name, noWrite.name])
    // Asked: both go with the policy, and a later policy of that name starts with none; others' cases stay.
    expect(await call('policies.remove', { name: other, deleteSavedCases: true })).toEqual({ ok: true, value: { removed: true, deletedCases: 2 } })
    expect((await call('policies.create', { name: other, text })).ok).toBe(true)
    expect(await must('policyCases.list', { policy: other })).toEqual([])
    expect((await must('policyCases.list', { policy })).map((item) => item.name)).toEqual([reads.name])
    expect((await call('policies.remove', { name: other })).ok).toBe(true)
  })

  it('lists the connection’s buckets for resource completion', async () => {
    expect(await must('policies.buckets', {})).toContain(bucket)
  })

  it('serves the catalogue the editor completes from', async () => {
    const catalogue = await must('policies.catalogue', {})
    expect(catalogue.actions.find((action) => action.name === 's3:GetObject')?.description).toContain('Get object')
    expect(catalogue.variables).toContain('aws:username')
  })
})
