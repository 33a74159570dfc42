import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { dispatch } from './dispatch.ts'
import { createHandlers } from './handlers.ts'
import type { PolicyRestorePreview } from './policy-restore.contract.ts'
import type { Result } from './result.ts'

// The real MinIO, the real keyring (run under scripts/with-keyring.sh), a real audit trail file.
const tag = randomBytes(3).toString('hex')
const world = {} as { minio: MinioServer; services: AppServices; dataDir: string; connectionId: string }
const silent = { warn: () => {}, error: () => {} }

const statement = (actions: string[]) => ({ Effect: 'Allow', Action: actions, Resource: ['arn:aws:s3:::logs/*'] })
const document = (actions: string[]) => ({ Version: '2012-10-17', Statement: [statement(actions)] })
const v1 = document(['s3:GetObject'])
const v2 = document(['s3:GetObject', 's3:PutObject'])
const v3 = document(['s3:DeleteObject', 's3:GetObject', 's3:PutObject'])

function call(channel: string, input: Record<string, unknown>): Promise<Result<unknown>> {
  return dispatch(createHandlers(world.services, { transport: 'browser', version: 'test' }), channel, { connectionId: world.connectionId, ...input }, silent)
}

async function ok<T>(channel: string, input: Record<string, unknown>): Promise<T> {
  const result = await call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

// MinIO hands actions back in its own order: compare documents with sorted actions.
const sortedActions = (document: unknown) => {
  const policy = structuredClone(document) as { Statement: { Action: string[] }[] }
  for (const statement of policy.Statement) statement.Action.sort()
  return policy
}
const onServer = (name: string) => world.services.withIam(world.connectionId, async (iam) => sortedActions((await iam.getPolicy(name)).document))
const policyEvents = (name: string) => queryEvents(world.services.audit.trail.database, { actionPrefix: 'policy.', target: name }, { limit: 100 }).events

beforeAll(async () => {
  const minio = (world.minio = await startMinio())
  world.dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-restore-ipc-'))
  world.services = await openAppServices({ dataDir: world.dataDir })
  const profile = { name: `local-${tag}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } }
  world.connectionId = (await world.services.connections.create(profile)).id
})

afterAll(async () => {
  if (world.connectionId) await world.services.connections.remove(world.connectionId)
  world.services?.close()
  await world.minio?.stop()
  if (world.dataDir) rmSync(world.dataDir, { recursive: true, force: true })
})

describe('policies.restore against the real MinIO', () => {
  it('after two edits, restores the first version: the server holds it and the trail has one ordinary update naming it', async () => {
    const name = `restore-${tag}`
    await ok('policies.create', { name, text: JSON.stringify(v1) })
    await ok('policies.update', { name, text: JSON.stringify(v2) })
    await ok('policies.update', { name, text: JSON.stringify(v3) })

    const preview = await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 1 })
    expect(preview).toMatchObject({ version: 1, isRecreate: false, isSame: false, problems: [] })
    expect(preview.checkedAs).toMatch(/RELEASE\.\d{4}-/)
    expect(preview.patch).toMatch(/^-\s+"s3:DeleteObject",?$/m)
    expect(sortedActions(JSON.parse(preview.currentText ?? 'null'))).toEqual(v3)
    // MinIO answers its sets in a new order on each read; the fingerprint must not care.
    for (let read = 0; read < 3; read++) {
      expect((await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 1 })).currentFingerprint).toBe(preview.currentFingerprint)
    }

    const restored = await ok<{ isRecreated: boolean }>('policies.restore', { policyName: name, version: 1, eventId: preview.eventId, expectedFingerprint: preview.currentFingerprint })
    expect(restored.isRecreated).toBe(false)
    expect(await onServer(name)).toEqual(v1)

    const [last] = policyEvents(name)
    expect(last).toMatchObject({ action: 'policy.updated', outcome: { kind: 'ok' }, after: v1, details: { restoredFrom: { version: 1, eventId: preview.eventId } } })
    expect(sortedActions(last?.before)).toEqual(v3)
    const history = await world.services.audit.policyHistory(name, world.connectionId)
    expect(history.map((version) => version.document)).toEqual([v1, v2, v3, v1])
  })

  it('never restores one connection\'s version through another (its history is its own): NOT_FOUND, nothing changed', async () => {
    const name = `cross-${tag}`
    await ok('policies.create', { name, text: JSON.stringify(v1) })
    await ok('policies.update', { name, text: JSON.stringify(v2) })
    const preview = await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 1 })
    // The same server under a second profile: its trail has no version of this policy.
    const profile = { name: `other-${tag}`, endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey, tls: { allowSelfSigned: false } }
    const other = (await world.services.connections.create(profile)).id
    try {
      const result = await call('policies.restore', { connectionId: other, policyName: name, version: 1, eventId: preview.eventId, expectedFingerprint: preview.currentFingerprint })
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await onServer(name)).toEqual(v2)
    } finally {
      await world.services.connections.remove(other)
    }
  })

  it('refuses a stale preview: the server changed since (CONFLICT), nothing changed', async () => {
    const name = `stale-${tag}`
    await ok('policies.create', { name, text: JSON.stringify(v1) })
    await ok('policies.update', { name, text: JSON.stringify(v2) })
    const preview = await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 1 })
    await ok('policies.update', { name, text: JSON.stringify(v3) })
    const result = await call('policies.restore', { policyName: name, version: 1, eventId: preview.eventId, expectedFingerprint: preview.currentFingerprint })
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await onServer(name)).toEqual(v3)
  })

  it('recreates a policy deleted since, recorded as policy.created naming the version', async () => {
    const name = `deleted-${tag}`
    await ok('policies.create', { name, text: JSON.stringify(v2) })
    await ok('policies.remove', { name })
    const preview = await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 1 })
    expect(preview).toMatchObject({ isRecreate: true, currentText: null, currentFingerprint: null, problems: [] })
    const deletion = await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 2 })
    expect(deletion.problems.join(' ')).toContain('deletion')

    await ok('policies.restore', { policyName: name, version: 1, eventId: preview.eventId, expectedFingerprint: null })
    expect(await onServer(name)).toEqual(v2)
    expect(policyEvents(name)[0]).toMatchObject({ action: 'policy.created', outcome: { kind: 'ok' }, details: { restoredFrom: { version: 1 } } })
  })

  it('says why a version that no longer validates for the server cannot be restored, and refuses it', async () => {
    const name = `invalid-${tag}`
    // A version the trail holds that MinIO would refuse now (recorded as if an older release had taken it).
    const refused = { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }] }
    await ok('policies.create', { name, text: JSON.stringify(v1) })
    await world.services.audit.trail.recordChange(
      { connection: { id: world.connectionId, name: `local-${tag}`, endpoint: world.minio.endpoint }, actor: 'test', action: 'policy.updated', target: { type: 'policy', name }, before: v1 },
      async () => ({ after: refused }),
    )
    const preview = await ok<PolicyRestorePreview>('policies.restorePreview', { policyName: name, version: 2 })
    expect(preview.problems[0]).toContain('no longer validates')
    expect(preview.problems.join(' ')).toContain('Maybe')
    const result = await call('policies.restore', { policyName: name, version: 2, eventId: preview.eventId, expectedFingerprint: preview.currentFingerprint })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await onServer(name)).toEqual(v1)
  })
})
