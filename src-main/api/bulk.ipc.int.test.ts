import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import type { Result } from './result.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { UserBulkReport } from './bulk.contract.ts'
import { dispatch } from './dispatch.ts'
import { createHandlers } from './handlers.ts'

// The real MinIO, the real keyring (run under scripts/with-keyring.sh), a real audit trail file.
const tag = randomBytes(3).toString('hex')
const [ann, ben, cid] = ['ann', 'ben', 'cid'].map((name) => `${name}-${tag}`) as [string, string, string]
const ghost = `ghost-${tag}`

/** The server, the app's services on a temporary data directory, and the saved root connection. */
const world = {} as { minio: MinioServer; services: AppServices; dataDir: string; connectionId: string }
const silent = { warn: () => {}, error: () => {} }

/** A contract call through the same dispatch the transports use (schema check included). */
function call(channel: string, input: Record<string, unknown>): Promise<Result<unknown>> {
  return dispatch(createHandlers(world.services, { transport: 'browser', version: 'test' }), channel, { connectionId: world.connectionId, ...input }, silent)
}

async function bulk(accessKeys: string[], action: Record<string, unknown>): Promise<UserBulkReport> {
  const result = await call('users.bulk', { accessKeys, action })
  if (!result.ok) throw new Error(`users.bulk: ${result.error.code} ${result.error.message}`)
  return result.value as UserBulkReport
}

const statuses = (report: UserBulkReport) => report.results.map((result) => [result.accessKey, result.status, result.error?.code])
const eventTargets = (action: string) =>
  queryEvents(world.services.audit.trail.database, { actionPrefix: action }, { limit: 100 }).events.map((event) => event.target.name).sort()
const readUser = (accessKey: string) => world.services.withIam(world.connectionId, (client) => client.getUser(accessKey))

beforeAll(async () => {
  const minio = (world.minio = await startMinio())
  world.dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bulk-ipc-'))
  world.services = await openAppServices({ dataDir: world.dataDir })
  const profile = { name: `local-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } }
  world.connectionId = (await world.services.connections.create(profile)).id
  for (const accessKey of [ann, ben, cid]) {
    const created = await call('users.create', { accessKey, secretKey: randomBytes(15).toString('hex') })
    expect(created.ok, JSON.stringify(created)).toBe(true)
  }
})

afterAll(async () => {
  if (world.connectionId) await world.services.connections.remove(world.connectionId)
  world.services?.close()
  await world.minio?.stop()
  if (world.dataDir) rmSync(world.dataDir, { recursive: true, force: true })
})

describe('users.bulk against the real MinIO', () => {
  it('attaches per user: an unknown user fails alone with NOT_FOUND, one audit event per user attempted', async () => {
    const report = await bulk([ann, ghost, ben], { kind: 'attach', policies: ['readonly'] })
    expect(statuses(report)).toEqual([[ann, 'ok', undefined], [ghost, 'failed', 'NOT_FOUND'], [ben, 'ok', undefined]])
    expect(report.results[1]?.error?.message).toContain(ghost)
    expect(report.totals).toEqual({ total: 3, ok: 2, failed: 1, skipped: 0 })
    expect((await readUser(ann)).policies).toEqual(['readonly'])
    expect((await readUser(ben)).policies).toEqual(['readonly'])
    expect(eventTargets('policy.attached')).toEqual([ann, ben, ghost].sort())
    // Output carries only what the contract names: no `details`, no runner labels.
    expect(Object.keys(report).sort()).toEqual(['results', 'totals'])
    expect(report.results.flatMap((result) => Object.keys(result.error ?? {}))).toEqual(['code', 'message'])
  })

  it('reports a user that already has the policy as skipped, and an unknown policy before any change', async () => {
    const again = await bulk([ann, cid], { kind: 'attach', policies: ['readonly'] })
    expect(statuses(again)).toEqual([[ann, 'skipped', 'CONFLICT'], [cid, 'ok', undefined]])
    expect(again.totals).toEqual({ total: 2, ok: 1, failed: 0, skipped: 1 })
    const eventsBefore = eventTargets('policy.').length
    const unknown = await call('users.bulk', { accessKeys: [ann, cid], action: { kind: 'attach', policies: [`missing-${tag}`] } })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining(`policy 'missing-${tag}' does not exist`) } })
    const noGroup = await call('users.bulk', { accessKeys: [ann], action: { kind: 'addToGroup', group: `typo-${tag}` } })
    expect(noGroup).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no user was changed') } })
    expect(eventTargets('policy.').length).toBe(eventsBefore)
    expect(eventTargets('group.')).toEqual([])
  })

  it('disables and enables users; the server agrees', async () => {
    const disabled = await bulk([ann, cid], { kind: 'disable' })
    expect(disabled.totals).toEqual({ total: 2, ok: 2, failed: 0, skipped: 0 })
    expect([(await readUser(ann)).status, (await readUser(ben)).status, (await readUser(cid)).status]).toEqual(['disabled', 'enabled', 'disabled'])
    const enabled = await bulk([ann, ghost], { kind: 'enable' })
    expect(statuses(enabled)).toEqual([[ann, 'ok', undefined], [ghost, 'failed', 'NOT_FOUND']])
    expect((await readUser(ann)).status).toBe('enabled')
    expect(eventTargets('user.disabled')).toEqual([ann, cid].sort())
    expect(eventTargets('user.enabled')).toEqual([ann, ghost].sort())
  })

  it('adds users to a group and removes them, one membership per user', async () => {
    const ops = `ops-${tag}`
    expect((await call('groups.create', { name: ops, members: [] })).ok).toBe(true)
    const added = await bulk([ann, ghost, ben], { kind: 'addToGroup', group: ops })
    expect(statuses(added)).toEqual([[ann, 'ok', undefined], [ghost, 'failed', 'NOT_FOUND'], [ben, 'ok', undefined]])
    const members = () => world.services.withIam(world.connectionId, (client) => client.getGroup(ops)).then((group) => group.members)
    expect(await members()).toEqual([ann, ben])
    const removed = await bulk([ann], { kind: 'removeFromGroup', group: ops })
    expect(removed.totals).toMatchObject({ ok: 1, failed: 0 })
    expect(await members()).toEqual([ben])
    expect(eventTargets('group.membersAdded')).toEqual([ops, ops, ops])
  })

  it('deletes users, one audit event each', async () => {
    const report = await bulk([ben, cid], { kind: 'delete' })
    expect(report.totals).toEqual({ total: 2, ok: 2, failed: 0, skipped: 0 })
    await expect(readUser(ben)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(readUser(cid)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await readUser(ann)).accessKey).toBe(ann)
    expect(eventTargets('user.deleted')).toEqual([ben, cid].sort())
  })

  it('refuses bad input by name before any server call', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ accessKeys: [ann, ann], action: { kind: 'delete' } }, /accessKeys: Each user may be listed once; listed more than once: 'ann-/],
      [{ accessKeys: [], action: { kind: 'delete' } }, /accessKeys: Select at least one user/],
      [{ accessKeys: Array.from({ length: 1001 }, (_, index) => `u-${index}`), action: { kind: 'delete' } }, /At most 1000 users/],
      [{ accessKeys: ['a,b'], action: { kind: 'delete' } }, /accessKeys\.0: A user access key cannot contain a comma/],
      [{ accessKeys: [ann], action: { kind: 'attach', policies: [] } }, /action\.policies: Choose at least one policy/],
      [{ accessKeys: [ann], action: { kind: 'rename' } }, /action\.kind/],
    ]
    for (const [input, message] of cases) {
      expect(await call('users.bulk', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } })
    }
    expect((await readUser(ann)).accessKey).toBe(ann)
  })
})
