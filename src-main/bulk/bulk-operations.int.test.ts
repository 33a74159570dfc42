import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import { tempTrail } from '../testbed/audit/trail-fixtures.ts'
import { IamSession } from '../services/iam-session.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { addGroupMembers, attachPolicies, createUsers, deleteUsers, setUserStatuses } from './bulk-operations.ts'

const tag = randomBytes(3).toString('hex')
const userName = (index: number) => `bulk-${tag}-${String(index).padStart(3, '0')}`

let server: MinioServer
let made: ReturnType<typeof tempTrail>
let iam: IamSession
const events = (prefix: string) => queryEvents(made.trail.database, { actionPrefix: prefix }, { limit: 1000 }).events

beforeAll(async () => {
  server = await startMinio()
  made = tempTrail()
  iam = new IamSession({ connection: { id: 'c1', name: 'bulk', endpoint: server.endpoint }, credentials: { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey, timeoutMs: 90_000 }, trail: made.trail })
})
afterAll(async () => {
  iam?.close()
  made?.cleanup()
  await server?.stop()
})

describe('bulk operations against the real MinIO, through the audited IAM service', () => {
  it('creates 40 users with an invalid name at item 37: that item fails, all the others are created', async () => {
    // MinIO refuses '=' and ',' in an access key (§4.4).
    const users = Array.from({ length: 40 }, (_, index) => ({ accessKey: index === 36 ? `bad,${tag}` : userName(index + 1) }))
    const report = await createUsers(iam, users, { concurrency: 2 })
    const failures = report.results.filter((result) => result.status !== 'ok').map((result) => `${result.label}: ${result.error?.message}`).join('\n')
    expect(report.progress, failures).toEqual({ total: 40, done: 40, ok: 39, failed: 1, skipped: 0 })
    expect(report.results[36]).toMatchObject({ status: 'failed', label: `create user 'bad,${tag}'`, error: { code: 'INVALID_INPUT' } })
    const listed = new Set((await iam.listUsers()).map((user) => user.accessKey))
    expect(users.filter((_, index) => index !== 36).every((user) => listed.has(user.accessKey))).toBe(true)
    expect(listed.has(`bad,${tag}`)).toBe(false)
    expect(report.results.filter((result) => result.status === 'ok').every((result) => result.value?.secretKey.length === 40)).toBe(true)
    const created = events('user.created')
    expect(created).toHaveLength(40)
    expect(created.filter((event) => event.outcome.kind === 'error').map((event) => event.target.name)).toEqual([`bad,${tag}`])
  }, 240_000) // 40 Argon2-encrypted calls: seconds on an idle host, minutes on a shared 2-core one

  it('attaches per item: an unknown policy fails only its own item', async () => {
    const assignments = [1, 2, 3, 4].map((index) => ({ target: { user: userName(index) }, policies: index === 3 ? [`missing-${tag}`] : ['readonly'] }))
    const report = await attachPolicies(iam, assignments, { concurrency: 2 })
    expect(report.results.map((result) => result.status), JSON.stringify(report.results)).toEqual(['ok', 'ok', 'failed', 'ok'])
    expect(report.results[2]?.error).toMatchObject({ code: 'NOT_FOUND' })
    expect(report.results[0]?.value).toEqual(['readonly'])
    expect((await iam.getUser(userName(4))).policies).toEqual(['readonly'])
  }, 120_000)

  it('adds members one per item: a non-user fails alone', async () => {
    const group = `bulk-group-${tag}`
    await iam.createGroup(group)
    const changes = [5, 6, 999, 7].map((index) => ({ group, member: userName(index) }))
    const report = await addGroupMembers(iam, changes)
    expect(report.results.map((result) => result.status)).toEqual(['ok', 'ok', 'failed', 'ok'])
    expect((await iam.getGroup(group)).members).toEqual([userName(5), userName(6), userName(7)])
  })

  it('disables and enables per item: an unknown user fails alone, one audit event per item', async () => {
    const targets = [8, 9, 998].map(userName)
    const disabled = await setUserStatuses(iam, targets, 'disabled')
    expect(disabled.results.map((result) => result.status)).toEqual(['ok', 'ok', 'failed'])
    expect(disabled.results[2]).toMatchObject({ label: `disable user '${userName(998)}'`, error: { code: 'NOT_FOUND' } })
    expect([(await iam.getUser(userName(8))).status, (await iam.getUser(userName(9))).status, (await iam.getUser(userName(10))).status]).toEqual(['disabled', 'disabled', 'enabled'])
    expect(events('user.disabled').map((event) => event.target.name).sort()).toEqual(targets)
    const enabled = await setUserStatuses(iam, targets.slice(0, 2), 'enabled')
    expect(enabled.progress).toMatchObject({ ok: 2, failed: 0 })
    expect((await iam.getUser(userName(8))).status).toBe('enabled')
    expect(events('user.enabled')).toHaveLength(2)
  })

  it('cancels: items not started are skipped as CANCELLED, nothing is sent for them, started ones finish', async () => {
    const controller = new AbortController()
    const targets = Array.from({ length: 20 }, (_, index) => userName(index + 11))
    const report = await deleteUsers(iam, targets, {
      concurrency: 2,
      signal: controller.signal,
      onItem: ({ progress }) => {
        if (progress.done === 3) controller.abort()
      },
    })
    expect(report.isCancelled).toBe(true)
    const done = report.results.filter((result) => result.status === 'ok').map((result) => targets[result.index])
    const skipped = report.results.filter((result) => result.status === 'skipped')
    expect(done.length).toBeGreaterThanOrEqual(3)
    expect(done.length + skipped.length).toBe(20)
    expect(skipped.every((result) => result.error?.code === 'CANCELLED')).toBe(true)
    const remaining = new Set((await iam.listUsers()).map((user) => user.accessKey))
    expect(done.every((name) => !remaining.has(name as string))).toBe(true)
    expect(skipped.every((result) => remaining.has(targets[result.index] as string))).toBe(true)
    // One audit event per item actually sent, none for skipped ones.
    expect(events('user.deleted')).toHaveLength(done.length)
  })
})
