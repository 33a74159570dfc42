import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import { tempTrail } from '../testbed/audit/trail-fixtures.ts'
import { IamSession } from '../services/iam-session.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { GeneratedCredential } from './snapshot-apply.ts'
import { exportSnapshot } from './snapshot-export.ts'
import { loadSnapshot } from './snapshot-file.ts'
import { planSnapshot } from './snapshot-plan.ts'
import { applySnapshotPlan, exportToFile, planAgainstServer } from './snapshot.service.ts'
import { BUILT_IN_POLICIES, type Snapshot } from './snapshot.schema.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

const tag = randomBytes(3).toString('hex')
const name = (prefix: string) => `${prefix}-${tag}`
const secret = () => randomBytes(15).toString('hex')
const policy = (action: string, bucket = 'logs') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action, 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}`] }] })

let server: MinioServer
let made: ReturnType<typeof tempTrail>
let iam: IamSession
const source = { endpoint: '', connection: 'test' }

/** The state every assertion starts from: policies, users (one disabled with a policy), groups (one disabled with a policy), keys. */
async function buildState(): Promise<void> {
  await iam.createPolicy(name('read'), policy('s3:GetObject'))
  await iam.createPolicy(name('write'), policy('s3:PutObject', 'uploads'))
  for (const user of ['alice', 'bob', 'carol']) await iam.createUser({ accessKey: name(user), secretKey: secret() })
  await iam.attachPolicies({ user: name('alice') }, [name('read'), 'readonly'])
  await iam.attachPolicies({ user: name('carol') }, [name('write')])
  await iam.createGroup(name('ops'), [name('alice'), name('bob')])
  await iam.createGroup(name('audit'), [name('carol')])
  await iam.attachPolicies({ group: name('ops') }, [name('write')])
  await iam.attachPolicies({ group: name('audit') }, [name('read')])
  await iam.createAccessKey({ targetUser: name('alice'), accessKey: `AK${tag}1`.toUpperCase(), secretKey: secret(), name: 'ci', description: 'the CI runner', policy: policy('s3:GetObject') })
  await iam.createAccessKey({ targetUser: name('bob'), accessKey: `AK${tag}2`.toUpperCase(), secretKey: secret() })
  await iam.setAccessKeyStatus(`AK${tag}2`.toUpperCase(), 'disabled')
  await iam.setUserStatus(name('carol'), 'disabled')
  await iam.setGroupStatus(name('audit'), 'disabled')
}

const withoutTime = (snapshot: Snapshot) => ({ ...snapshot, exportedAt: '' })

beforeAll(async () => {
  server = await startMinio()
  source.endpoint = server.endpoint
  made = tempTrail()
  iam = new IamSession({ connection: { id: 'c1', name: 'test', endpoint: server.endpoint }, credentials: { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey }, trail: made.trail })
  await buildState()
})
afterAll(async () => {
  iam?.close()
  made?.cleanup()
  await server?.stop()
})

describe('IAM snapshot against the real MinIO', () => {
  it('exports users, groups (disabled ones with their policies), policies and access keys without secrets', async () => {
    const path = join(tempDir('gatehouse-snap-'), 'iam.json')
    const snapshot = await exportToFile(iam, path, source)
    expect(await loadSnapshot(path)).toEqual(snapshot)
    expect(snapshot.users.find((user) => user.accessKey === name('carol'))).toEqual({ accessKey: name('carol'), status: 'disabled', policies: [name('write')], memberOf: [name('audit')] })
    expect(snapshot.groups.find((group) => group.name === name('audit'))).toEqual({ name: name('audit'), status: 'disabled', members: [name('carol')], policies: [name('read')] })
    expect(snapshot.users.find((user) => user.accessKey === name('alice'))?.policies).toEqual([name('read'), 'readonly'].sort())
    expect(snapshot.accessKeys).toEqual([
      { accessKey: `AK${tag}1`.toUpperCase(), parentUser: name('alice'), status: 'enabled', name: 'ci', description: 'the CI runner', sessionPolicy: expect.objectContaining({ Version: '2012-10-17' }) },
      { accessKey: `AK${tag}2`.toUpperCase(), parentUser: name('bob'), status: 'disabled' },
    ])
    expect(snapshot.policies.map((item) => item.name)).toEqual(expect.arrayContaining([...BUILT_IN_POLICIES, name('read'), name('write')]))
    expect(JSON.stringify(snapshot)).not.toMatch(/secretKey/i)
    const events = queryEvents(made.trail.database, { actionPrefix: 'snapshot.' }, { limit: 5 }).events
    expect(events[0]).toMatchObject({ action: 'snapshot.exported', target: { type: 'snapshot', name: 'iam.json' }, outcome: { kind: 'ok' } })
  })

  it('diffs a changed snapshot against the server as create / change / remove steps', async () => {
    const current = await exportSnapshot(iam, { ...source, exportedBy: 'root' })
    expect(planSnapshot(current, current).steps).toEqual([])
    const desired: Snapshot = { ...current, users: [...current.users.filter((user) => user.accessKey !== name('bob')), { accessKey: name('dave'), status: 'enabled', policies: ['readonly'], memberOf: [] }] }
    desired.groups = desired.groups.map((group) => (group.name === name('ops') ? { ...group, members: [name('alice')] } : group))
    desired.accessKeys = desired.accessKeys.filter((key) => key.parentUser !== name('bob'))
    const plan = await planAgainstServer(iam, desired, source)
    expect(plan.steps.map((step) => `${step.kind} ${step.entity} ${step.name}: ${step.summary}`)).toEqual([
      `create user ${name('dave')}: create (enabled; a new secret is generated)`,
      `change group ${name('ops')}: remove members ${name('bob')}`,
      `change user ${name('dave')}: attach readonly`,
      `remove accessKey ${`AK${tag}2`.toUpperCase()}: delete (of user '${name('bob')}')`,
      `remove user ${name('bob')}: delete (with its access keys and memberships)`,
    ])
  })

  it('round-trips: export, wipe, apply reproduces the same export', async () => {
    const before = await exportSnapshot(iam, { ...source, exportedBy: 'root' })
    const empty: Snapshot = { ...before, users: [], groups: [], accessKeys: [], policies: before.policies.filter((item) => BUILT_IN_POLICIES.includes(item.name)) }
    const wiped = await applySnapshotPlan(iam, 'empty.json', await planAgainstServer(iam, empty, source))
    expect(wiped.results.filter((result) => result.status !== 'ok')).toEqual([])
    expect(withoutTime(await exportSnapshot(iam, { ...source, exportedBy: 'root' }))).toEqual(withoutTime(empty))
    const credentials: GeneratedCredential[] = []
    const restored = await applySnapshotPlan(iam, 'iam.json', await planAgainstServer(iam, before, source), { onCredential: (credential) => credentials.push(credential) })
    expect(restored.results.filter((result) => result.status !== 'ok')).toEqual([])
    expect(withoutTime(await exportSnapshot(iam, { ...source, exportedBy: 'root' }))).toEqual(withoutTime(before))
    expect(credentials.map((credential) => `${credential.kind}:${credential.accessKey}`).sort()).toEqual(
      [...before.users.map((user) => `user:${user.accessKey}`), ...before.accessKeys.map((key) => `accessKey:${key.accessKey}`)].sort(),
    )
    expect(credentials.every((credential) => credential.secretKey.length === 40)).toBe(true)
    const applied = queryEvents(made.trail.database, { actionPrefix: 'snapshot.applied' }, { limit: 5 }).events
    expect(applied.map((event) => event.outcome.kind)).toEqual(['ok', 'ok'])
    const trailText = JSON.stringify(queryEvents(made.trail.database, {}, { limit: 1000 }).events)
    for (const credential of credentials) expect(trailText).not.toContain(credential.secretKey)
    expect(made.trail.verify()).toMatchObject({ intact: true })
  })
})
