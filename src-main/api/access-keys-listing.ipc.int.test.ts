import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { AccessKeyBulkReport, AccessKeyFacts, AccessKeyRow } from './access-keys.contract.ts'
import { dispatch } from './dispatch.ts'
import { createHandlers } from './handlers.ts'
import type { Result } from './result.ts'

// The real MinIO, the real keyring (run under scripts/with-keyring.sh), a real audit trail file.
const tag = randomBytes(3).toString('hex')
const [ann, bob] = [`ann-${tag}`, `bob-${tag}`]
const world = {} as { minio: MinioServer; services: AppServices; dataDir: string; connectionId: string }
const keys = {} as Record<'plain' | 'session' | 'disabledParent', string>
const silent = { warn: () => {}, error: () => {} }

function call(channel: string, input: Record<string, unknown>): Promise<Result<unknown>> {
  return dispatch(createHandlers(world.services, { transport: 'browser', version: 'test' }), channel, { connectionId: world.connectionId, ...input }, silent)
}

async function ok<T>(channel: string, input: Record<string, unknown>): Promise<T> {
  const result = await call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

const session = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] })

beforeAll(async () => {
  const minio = (world.minio = await startMinio())
  world.dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-keys-ipc-'))
  world.services = await openAppServices({ dataDir: world.dataDir })
  const profile = { name: `local-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } }
  world.connectionId = (await world.services.connections.create(profile)).id
  for (const user of [ann, bob]) {
    await ok('users.create', { accessKey: user, secretKey: randomBytes(15).toString('hex') })
    await ok('policies.attach', { target: { user }, policies: ['readonly'] })
  }
  keys.plain = (await ok<{ accessKey: string }>('accessKeys.create', { targetUser: ann, name: 'plain' })).accessKey
  keys.session = (await ok<{ accessKey: string }>('accessKeys.create', { targetUser: ann, sessionPolicy: session })).accessKey
  keys.disabledParent = (await ok<{ accessKey: string }>('accessKeys.create', { targetUser: bob })).accessKey
  await ok('users.setStatus', { accessKey: bob, status: 'disabled' })
})

afterAll(async () => {
  if (world.connectionId) await world.services.connections.remove(world.connectionId)
  world.services?.close()
  await world.minio?.stop()
  if (world.dataDir) rmSync(world.dataDir, { recursive: true, force: true })
})

describe('access keys: the listing for filters and the bulk status change, against the real MinIO', () => {
  it('lists a disabled owner\'s keys too (MinIO\'s bulk listing skips them), with each owner\'s status', async () => {
    const rows = await ok<AccessKeyRow[]>('accessKeys.listAll', { users: [ann, bob] })
    expect(rows.map((row) => [row.accessKey, row.user, row.parentStatus])).toEqual(expect.arrayContaining([
      [keys.plain, ann, 'enabled'], [keys.session, ann, 'enabled'], [keys.disabledParent, bob, 'disabled'],
    ]))
    expect(rows).toHaveLength(3)
    // What MinIO itself answers for these users: the disabled one is skipped.
    const bulk = await world.services.withIam(world.connectionId, (iam) => iam.listAccessKeysBulk([ann, bob], 'svcacc-only'))
    expect(Object.keys(bulk)).toEqual([ann])
  })

  it('reads status, name and session-policy presence per owner', async () => {
    const facts = await ok<AccessKeyFacts[]>('accessKeys.details', { owners: [ann] })
    expect(facts).toEqual(expect.arrayContaining([
      expect.objectContaining({ accessKey: keys.plain, status: 'enabled', name: 'plain', hasSessionPolicy: false }),
      expect.objectContaining({ accessKey: keys.session, status: 'enabled', hasSessionPolicy: true }),
    ]))
  })

  it('disables keys one audited change each; an unknown key fails alone', async () => {
    const ghost = `GHOST${tag.toUpperCase()}KEY`
    const report = await ok<AccessKeyBulkReport>('accessKeys.bulkSetStatus', { accessKeys: [keys.plain, ghost, keys.session], status: 'disabled' })
    expect(report.results.map((result) => [result.accessKey, result.status])).toEqual([[keys.plain, 'ok'], [ghost, 'failed'], [keys.session, 'ok']])
    expect(report.totals).toEqual({ total: 3, ok: 2, failed: 1, skipped: 0 })
    for (const accessKey of [keys.plain, keys.session]) {
      expect((await world.services.withIam(world.connectionId, (iam) => iam.getAccessKey(accessKey))).status).toBe('disabled')
    }
    const events = queryEvents(world.services.audit.trail.database, { actionPrefix: 'accessKey.disabled' }, { limit: 10 }).events
    expect(events.map((event) => [event.target.name, event.outcome.kind]).sort()).toEqual([[ghost, 'error'], [keys.plain, 'ok'], [keys.session, 'ok']].sort())
  })
  it('never disables the key the connection signs with in a bulk run: skipped, the others changed', async () => {
    const own = await ok<{ accessKey: string; secretKey: string }>('accessKeys.create', { name: 'gatehouse' })
    const other = (await ok<{ accessKey: string }>('accessKeys.create', { targetUser: ann })).accessKey
    const profile = { name: `own-${tag}`, endpoint: world.minio.endpoint, accessKey: own.accessKey, secretKey: own.secretKey, tls: { allowSelfSigned: false } }
    const viaKey = (await world.services.connections.create(profile)).id
    try {
      const result = await dispatch(createHandlers(world.services, { transport: 'browser', version: 'test' }), 'accessKeys.bulkSetStatus', { connectionId: viaKey, accessKeys: [own.accessKey, other], status: 'disabled' }, silent)
      if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`)
      const report = result.value as AccessKeyBulkReport
      expect(report.results.map((item) => [item.accessKey, item.status])).toEqual([[own.accessKey, 'skipped'], [other, 'ok']])
      expect(report.results[0]?.error?.message).toMatch(/signs with/)
      expect(report.totals).toEqual({ total: 2, ok: 1, failed: 0, skipped: 1 })
      // The server agrees: the own key still works and is enabled, the other is disabled.
      const statusOf = (accessKey: string) => world.services.withIam(world.connectionId, async (iam) => (await iam.getAccessKey(accessKey)).status)
      expect([await statusOf(own.accessKey), await statusOf(other)]).toEqual(['enabled', 'disabled'])
      await expect(world.services.connections.test(viaKey)).resolves.toBeDefined()
    } finally {
      await world.services.connections.remove(viaKey)
    }
  })
})
