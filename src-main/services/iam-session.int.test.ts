import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { queryEvents } from '../audit/audit-query.ts'
import { tempTrail } from '../testbed/audit/trail-fixtures.ts'
import type { AuditTrail } from '../audit/audit-trail.ts'
import { AdminClient, MUTATING_OPERATIONS, READ_OPERATIONS, type MutatingOperation } from '../minio/index.ts'
import type { AccessKeyUpdate } from '../minio/types.ts'
import { AppFailure } from '../api/result.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { AUDITED_ACTIONS, IamSession } from './iam-session.ts'

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`
const secret = () => `S3CR3T-${randomBytes(15).toString('hex')}`
const policy = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action], Resource: ['arn:aws:s3:::logs/*'] }] })

let server: MinioServer
let made: ReturnType<typeof tempTrail>
let trail: AuditTrail
let service: IamSession
const secretsSent: string[] = []

beforeAll(async () => {
  server = await startMinio()
  made = tempTrail()
  trail = made.trail
  service = new IamSession({
    connection: { id: 'conn-test', name: 'test', endpoint: server.endpoint },
    credentials: { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey },
    trail,
  })
})
afterAll(async () => {
  service?.close()
  made?.cleanup()
  await server?.stop()
})

const newest = () => queryEvents(trail.database, {}, { limit: 1 }).events[0]
const eventCount = () => queryEvents(trail.database, {}, { limit: 1000 }).events.length

/** Names shared by the scenario, which runs in MUTATING_OPERATIONS-independent order below. */
const user = unique('alice')
const other = unique('bob')
const group = unique('devs')
const policyName = unique('logs')
const key = { accessKey: '' }

/** How to exercise each mutating operation once, in an order that builds the state the next needs. */
const SCENARIO: [MutatingOperation, () => Promise<unknown>, string][] = [
  ['createUser', () => service.createUser({ accessKey: user, secretKey: remember(secret()) }), user],
  ['setUserSecret', () => service.setUserSecret(user, remember(secret())), user],
  ['createGroup', () => service.createGroup(group, [user]), group],
  ['addGroupMembers', () => service.addGroupMembers(group, [other]), group],
  ['removeGroupMembers', () => service.removeGroupMembers(group, [other]), group],
  ['setGroupStatus', () => service.setGroupStatus(group, 'disabled'), group],
  ['createPolicy', () => service.createPolicy(policyName, policy('s3:GetObject')), policyName],
  ['updatePolicy', () => service.updatePolicy(policyName, policy('s3:PutObject')), policyName],
  ['attachPolicies', () => service.attachPolicies({ user }, [policyName]), user],
  ['detachPolicies', () => service.detachPolicies({ user }, [policyName]), user],
  // After the attachments: MinIO refuses to attach to a disabled user.
  ['setUserStatus', () => service.setUserStatus(user, 'disabled'), user],
  ['createAccessKey', async () => (key.accessKey = remember((await service.createAccessKey({ targetUser: other, name: 'ci' })).secretKey) && ''), ''],
  ['updateAccessKey', () => service.updateAccessKey(key.accessKey, { description: 'rotated', secretKey: remember(secret()) } satisfies AccessKeyUpdate), ''],
  ['setAccessKeyStatus', () => service.setAccessKeyStatus(key.accessKey, 'disabled'), ''],
  ['deleteAccessKey', () => service.deleteAccessKey(key.accessKey), ''],
  ['deletePolicy', () => service.deletePolicy(policyName), policyName],
  ['deleteGroup', async () => (await service.removeGroupMembers(group, [user]), service.deleteGroup(group)), group],
  ['removeUser', () => service.removeUser(user), user],
]

function remember(value: string): string {
  secretsSent.push(value)
  return value
}

describe('IamSession: no path around the audit trail', () => {
  it('has a scenario for every mutating operation and exposes no other way to change the server', () => {
    expect(SCENARIO.map(([operation]) => operation).sort()).toEqual([...MUTATING_OPERATIONS].sort())
    const methods = Object.getOwnPropertyNames(IamSession.prototype).filter((name) => name !== 'constructor')
    const documented = new Set<string>([...MUTATING_OPERATIONS, ...READ_OPERATIONS, 'close', 'recordSnapshot'])
    expect(methods.filter((name) => !documented.has(name))).toEqual([])
    // The raw client is not reachable: no own property or getter of the service yields an AdminClient.
    const exposed = [...Object.getOwnPropertyNames(service), ...methods].map((name) => (service as unknown as Record<string, unknown>)[name])
    expect(exposed.some((value) => value instanceof AdminClient)).toBe(false)
    // Compile-time: wherever a caller wants the client's mutating methods, the service fits instead.
    const asMutations: Pick<AdminClient, MutatingOperation> = service
    expect(MUTATING_OPERATIONS.every((operation) => typeof asMutations[operation] === 'function')).toBe(true)
  })

  it('every mutating operation, called through the service, records exactly one event with its action', async () => {
    await service.createUser({ accessKey: other, secretKey: remember(secret()) })
    for (const [operation, call, target] of SCENARIO) {
      const before = eventCount()
      await call()
      // removeGroupMembers runs inside the deleteGroup step too: two events there.
      expect(eventCount() - before, operation).toBe(operation === 'deleteGroup' ? 2 : 1)
      const event = newest()
      expect(AUDITED_ACTIONS[operation], operation).toContain(event?.action)
      expect(event?.outcome, operation).toEqual({ kind: 'ok' })
      expect(event?.actor).toBe(server.rootAccessKey)
      if (target) expect(event?.target.name, operation).toBe(target)
      if (operation === 'createAccessKey') key.accessKey = event?.target.name ?? ''
    }
    expect(trail.verify()).toMatchObject({ intact: true })
    // ~20 s on an idle 2-core machine (server and client Argon2 on every encrypted call); room for a busy CI.
  }, 240_000)

  it('recorded policy documents and attached sets before and after, and no secret anywhere', () => {
    const [updated] = queryEvents(trail.database, { actionPrefix: 'policy.updated', target: policyName }).events
    expect(updated).toMatchObject({ before: policy('s3:GetObject'), after: policy('s3:PutObject') })
    const [attached] = queryEvents(trail.database, { actionPrefix: 'policy.attached', target: user }).events
    expect(attached).toMatchObject({ target: { type: 'user' }, before: { policies: [] }, after: { policies: [policyName] }, details: { policies: [policyName] } })
    const [detached] = queryEvents(trail.database, { actionPrefix: 'policy.detached' }).events
    expect(detached).toMatchObject({ before: { policies: [policyName] }, after: { policies: [] } })
    const [added] = queryEvents(trail.database, { actionPrefix: 'group.membersAdded' }).events
    expect(added).toMatchObject({ before: { members: [user] }, after: { members: [user, other].sort() } })
    const [keyCreated] = queryEvents(trail.database, { actionPrefix: 'accessKey.created' }).events
    expect(keyCreated).toMatchObject({ target: { type: 'accessKey', name: key.accessKey }, after: { parentUser: other, name: 'ci' } })
    expect(secretsSent.length).toBeGreaterThanOrEqual(5)
    for (const name of readdirSync(made.dataDir)) {
      const bytes = readFileSync(join(made.dataDir, name))
      for (const value of secretsSent) expect(bytes.includes(value), `${value} in ${name}`).toBe(false)
    }
  })

  it('records a refused change with its code and rethrows it', async () => {
    const name = unique('inuse')
    await service.createPolicy(name, policy('s3:GetObject'))
    await service.attachPolicies({ user: other }, [name])
    const failure = await service.deletePolicy(name).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppFailure)
    expect(newest()).toMatchObject({ action: 'policy.deleted', target: { name }, outcome: { kind: 'error', code: (failure as AppFailure).code }, before: policy('s3:GetObject') })
  })

  it('makes no server call when the audit trail cannot be written', async () => {
    const name = unique('unaudited')
    const locked = tempTrail({ busyTimeoutMs: 100 })
    const lockedService = new IamSession({
      connection: { id: 'conn-test', name: 'test', endpoint: server.endpoint },
      credentials: { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey },
      trail: locked.trail,
    })
    // Another process holds the write lock (a hung instance, a backup tool): the intent cannot be written.
    const other = new Database(locked.trail.path)
    other.exec('BEGIN IMMEDIATE')
    try {
      const failure = await lockedService.createUser({ accessKey: name, secretKey: secret() }).catch((error: unknown) => error)
      expect(failure).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/no change to a server/) })
    } finally {
      other.exec('ROLLBACK')
      other.close()
      lockedService.close()
      locked.cleanup()
    }
    const check = await service.getUser(name).catch((error: unknown) => error)
    expect(check).toMatchObject({ code: 'NOT_FOUND' })
  })
})
