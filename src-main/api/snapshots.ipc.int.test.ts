import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import { AdminClient } from '../minio/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import type { Result } from './result.ts'
import { parseSnapshot } from '../snapshot/snapshot-file.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { ChannelOutput } from './contract.ts'
import { dispatch } from './dispatch.ts'
import { createHandlers } from './handlers.ts'

// The real MinIO, the real keyring (run under scripts/with-keyring.sh), a real audit trail file.
const tag = randomBytes(3).toString('hex')
const alice = `alice-${tag}`
const ops = `ops-${tag}`
const read = `read-${tag}`
const readPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::logs-${tag}/*`] }] })

let minio: MinioServer
let services: AppServices
let dataDir: string
let connectionId: string

async function call(channel: string, input: Record<string, unknown>): Promise<Result<unknown>> {
  const handlers = createHandlers(services, { transport: 'browser', version: 'test' })
  return dispatch(handlers, channel, { connectionId, ...input }, { warn: () => {}, error: () => {} })
}

async function must<C extends 'snapshots.export' | 'snapshots.plan' | 'snapshots.apply'>(channel: C, input: Record<string, unknown>): Promise<ChannelOutput<C>> {
  const result = await call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

async function change(channel: string, input: Record<string, unknown>): Promise<void> {
  const result = await call(channel, input)
  expect(result.ok, JSON.stringify(result)).toBe(true)
}

const userNames = async () => (await services.withIam(connectionId, (client) => client.listUsers())).map((user) => user.accessKey)
const snapshotEvents = () => queryEvents(services.audit.trail.database, { actionPrefix: 'snapshot.' }, { limit: 50 }).events

beforeAll(async () => {
  minio = await startMinio()
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-snapshots-ipc-'))
  services = await openAppServices({ dataDir })
  connectionId = (await services.connections.create({ name: `local-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })).id
  await change('policies.create', { name: read, text: readPolicy })
  await change('users.create', { accessKey: alice, secretKey: randomBytes(15).toString('hex') })
  await change('groups.create', { name: ops, members: [alice] })
  await change('policies.attach', { target: { group: ops }, policies: [read] })
})

afterAll(async () => {
  if (connectionId) await services.connections.remove(connectionId)
  services?.close()
  await minio?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('snapshots channels against the real MinIO', () => {
  it('exports the server state as snapshot text with counts and a file name, audited as snapshot.exported', async () => {
    const exported = await must('snapshots.export', {})
    expect(exported.fileName).toMatch(new RegExp(`^gatehouse-iam-local-${tag}-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.json$`))
    const snapshot = parseSnapshot(exported.text, exported.fileName)
    expect(snapshot.groups).toEqual([{ name: ops, status: 'enabled', members: [alice], policies: [read] }])
    expect(exported.counts).toEqual({ policies: 6, users: 1, groups: 1, accessKeys: 0 })
    expect(exported.text).not.toMatch(/secretKey/i)
    expect(snapshotEvents()[0]).toMatchObject({ action: 'snapshot.exported', target: { type: 'snapshot', name: exported.fileName }, outcome: { kind: 'ok' } })
  })

  it('refuses a broken or oversized snapshot with INVALID_INPUT naming the line or field, and changes nothing', async () => {
    const eventsBefore = snapshotEvents().length
    const broken = await call('snapshots.plan', { fileName: 'broken.json', text: '{\n  "format": "gatehouse.iam-snapshot",\n  "users": [,]\n}' })
    expect(broken).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^The snapshot broken.json is not valid JSON at line 3, column 13/) } })
    const exported = await must('snapshots.export', {})
    const wrongField = exported.text.replace(`"status": "enabled"`, `"status": "on"`)
    const invalid = await call('snapshots.apply', { fileName: 'edited.json', text: wrongField, expected: { fingerprint: 'x', steps: 0 } })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/The snapshot edited.json has 1 problem:\n {2}- users\[0\]\.status: /) } })
    const huge = await call('snapshots.plan', { text: ' '.repeat(8 * 1024 * 1024 + 1) })
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('larger than 8 MiB') } })
    // Only the export in between reached the trail; the server still has what it had.
    expect(snapshotEvents().slice(0, snapshotEvents().length - eventsBefore).map((event) => event.action)).toEqual(['snapshot.exported'])
    expect(await userNames()).toEqual([alice])
  })

  it('plans a restore by phase, refuses a plan the user did not see, applies the one they saw and hands out the new secret once', async () => {
    const { text } = await must('snapshots.export', {})
    await change('groups.remove', { name: ops, removeMembersFirst: true })
    await change('users.remove', { accessKey: alice })
    await change('users.create', { accessKey: `mallory-${tag}`, secretKey: randomBytes(15).toString('hex') })

    const plan = await must('snapshots.plan', { fileName: 'restore.json', text })
    expect(plan.counts).toEqual({ create: 2, change: 2, remove: 1 })
    expect(plan.phases.map(({ phase, steps }) => [phase, steps.map((step) => `${step.kind} ${step.entity} ${step.name}: ${step.summary}${step.isDestructive ? ' !' : ''}`)])).toEqual([
      ['create', [`create user ${alice}: create (enabled; a new secret is generated)`, `create group ${ops}: create (enabled)`]],
      ['members', [`change group ${ops}: add members ${alice}`]],
      ['attachments', [`change group ${ops}: attach ${read}`]],
      ['removeEntities', [`remove user mallory-${tag}: delete (with its access keys and memberships) !`]],
    ])
    const keeping = await must('snapshots.plan', { fileName: 'restore.json', text, options: { removeExtras: false } })
    expect(keeping.counts).toEqual({ create: 2, change: 2, remove: 0 })
    expect(keeping.warnings).toEqual([expect.stringContaining(`user 'mallory-${tag}'`)])

    const unseen = await call('snapshots.apply', { fileName: 'restore.json', text, expected: { fingerprint: keeping.fingerprint, steps: 4 } })
    expect(unseen).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('5 steps instead of the 4 you saw') } })
    expect(await userNames()).toEqual([`mallory-${tag}`])

    const applied = await must('snapshots.apply', { fileName: 'restore.json', text, expected: { fingerprint: plan.fingerprint, steps: 5 } })
    expect(applied.results.map((result) => [result.id, result.status])).toEqual([[1, 'ok'], [2, 'ok'], [3, 'ok'], [4, 'ok'], [5, 'ok']])
    expect(applied.progress).toEqual({ total: 5, ok: 5, failed: 0, skipped: 0 })
    expect(applied.credentials).toEqual([{ kind: 'user', accessKey: alice, secretKey: expect.stringMatching(/^\S{40}$/) }])
    const group = await services.withIam(connectionId, (client) => client.getGroup(ops))
    expect([group.members, group.policies]).toEqual([[alice], [read]])
    expect(await userNames()).toEqual([alice])
    // The secret handed out is the one MinIO has: it signs requests (an admin call is refused for lack of permission, not of identity).
    const asAlice = new AdminClient({ endpoint: minio.endpoint, accessKey: alice, secretKey: applied.credentials[0]?.secretKey ?? '' })
    await expect(asAlice.listUsers()).rejects.toMatchObject({ code: 'MINIO_ACCESS_DENIED' })
    asAlice.close()
    expect(snapshotEvents()[0]).toMatchObject({ action: 'snapshot.applied', target: { name: 'restore.json' }, outcome: { kind: 'ok' } })
    expect(JSON.stringify(queryEvents(services.audit.trail.database, {}, { limit: 1000 }).events)).not.toContain(applied.credentials[0]?.secretKey)
  })

  it('reports a step MinIO refuses with its message, skips the step that needed it and still does the rest', async () => {
    const current = parseSnapshot((await must('snapshots.export', {})).text, 'x.json')
    const bad = `bad-${tag}`
    const desired = {
      ...current,
      policies: [...current.policies, { name: bad, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allowed', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] } }],
      users: current.users.map((user) => (user.accessKey === alice ? { ...user, policies: [...user.policies, bad] } : user)),
      groups: current.groups.map((group) => (group.name === ops ? { ...group, status: 'disabled' as const } : group)),
    }
    const text = JSON.stringify(desired)
    const plan = await must('snapshots.plan', { fileName: 'bad.json', text })
    const applied = await must('snapshots.apply', { fileName: 'bad.json', text, expected: { fingerprint: plan.fingerprint, steps: 3 } })
    expect(applied.results.map((result) => [result.summary, result.status, result.error?.code])).toEqual([
      ['create', 'failed', 'INVALID_INPUT'],
      [`attach ${bad}`, 'skipped', 'CONFLICT'],
      ['status enabled → disabled', 'ok', undefined],
    ])
    expect(applied.results[1]?.error?.message).toContain(`It needs policy '${bad}', which step 1 should have created but did not (failed).`)
    expect(applied.progress).toEqual({ total: 3, ok: 1, failed: 1, skipped: 1 })
    expect(applied.credentials).toEqual([])
    expect(snapshotEvents()[0]).toMatchObject({ action: 'snapshot.applied', outcome: { kind: 'error', code: 'INVALID_INPUT' } })
    const group = await services.withIam(connectionId, (client) => client.getGroup(ops))
    expect(group.status).toBe('disabled')
  })

  it('refuses with CONFLICT when the server changed between the preview and the apply', async () => {
    const { text } = await must('snapshots.export', {})
    await change('users.create', { accessKey: `trent-${tag}`, secretKey: randomBytes(15).toString('hex') })
    const plan = await must('snapshots.plan', { text })
    expect(plan.counts).toEqual({ create: 0, change: 0, remove: 1 })
    await change('users.create', { accessKey: `victor-${tag}`, secretKey: randomBytes(15).toString('hex') })
    const stale = await call('snapshots.apply', { text, expected: { fingerprint: plan.fingerprint, steps: 1 } })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^The server changed since the preview: the snapshot now needs 2 steps instead of the 1 you saw\. Nothing was applied/) } })
    expect((await userNames()).sort()).toEqual([alice, `trent-${tag}`, `victor-${tag}`])
  })
})
