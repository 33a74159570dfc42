import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../minio/admin-client.ts'
import type { PolicyDocument } from '../policy/index.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { readDeployment, type DeploymentModel } from './deployment.ts'
import { impactOf, type ProposedChange } from './impact.ts'
import { readScope } from './impact-scope.ts'

// The scoped read answers every change kind as the whole read does: on a seeded real MinIO, the
// preview over the scoped model equals the preview over the full model (gained and lost, with the
// deciding statements), and the scoped model leaves out the principals the change cannot reach.
const tag = randomBytes(3).toString('hex')
const bucket = `scope-${tag}`
const SECRET = 'scope-secret-0123456789'
const name = (base: string) => `${base}-${tag}`
const alice = name('alice'), bob = name('bob'), carol = name('carol'), dave = name('dave'), eve = name('eve')
const team = name('team'), ops = name('ops')
const readPolicy = name('read'), writePolicy = name('write'), homePolicy = name('home')
const doc = (Statement: unknown[]) => ({ Version: '2012-10-17', Statement }) as unknown as PolicyDocument
const READ = doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }])
const WRITE = doc([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }])
const HOME = doc([{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`arn:aws:s3:::${bucket}/home/\${aws:username}/*`] }])
const GET_ONLY = doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }])
const now = new Date()

let minio: MinioServer
let admin: AdminClient
const keys = { bob: '', alice: '', eve: '' }

beforeAll(async () => {
  minio = await startMinio()
  admin = new AdminClient({ endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey })
  await admin.createPolicy(readPolicy, READ)
  await admin.createPolicy(writePolicy, WRITE)
  await admin.createPolicy(homePolicy, HOME)
  for (const user of [alice, bob, carol, dave, eve]) await admin.createUser({ accessKey: user, secretKey: SECRET, status: 'enabled' })
  await admin.createGroup(team, [alice, bob, carol])
  await admin.createGroup(ops, [dave])
  await admin.attachPolicies({ group: team }, [readPolicy])
  await admin.attachPolicies({ group: ops }, [writePolicy])
  await admin.attachPolicies({ user: alice }, [homePolicy])
  await admin.attachPolicies({ user: eve }, [writePolicy, readPolicy])
  await admin.attachPolicies({ user: carol }, [readPolicy])
  keys.bob = (await admin.createAccessKey({ targetUser: bob })).accessKey
  keys.alice = (await admin.createAccessKey({ targetUser: alice, policy: GET_ONLY })).accessKey
  keys.eve = (await admin.createAccessKey({ targetUser: eve })).accessKey
  await admin.setGroupStatus(ops, 'disabled')
  await admin.setUserStatus(carol, 'disabled')
}, 120_000)

afterAll(async () => {
  admin?.close()
  await minio?.stop()
})

const source = () => ({ endpoint: minio.endpoint, connection: 'scope' })
const preview = (model: DeploymentModel, change: ProposedChange) => {
  const { gained, lost } = impactOf(model, change, { now })
  return { gained, lost }
}

const changes = (): Array<[string, ProposedChange]> => [
  ['attach to a user', { kind: 'attach', targets: [{ user: alice }], policies: [writePolicy] }],
  ['attach to a group', { kind: 'attach', targets: [{ group: team }], policies: [writePolicy] }],
  ['detach from a user', { kind: 'detach', targets: [{ user: eve }], policies: [readPolicy] }],
  ['detach from a group', { kind: 'detach', targets: [{ group: team }], policies: [readPolicy] }],
  ['putPolicy', { kind: 'putPolicy', name: readPolicy, document: WRITE }],
  ['deletePolicy', { kind: 'deletePolicy', name: writePolicy }],
  ['addMembers', { kind: 'addMembers', group: ops, users: [alice, eve] }],
  ['removeMembers', { kind: 'removeMembers', group: team, users: [alice] }],
  ['groupStatus (enable a disabled group)', { kind: 'groupStatus', group: ops, enabled: true }],
  ['userStatus (enable a disabled user)', { kind: 'userStatus', users: [carol], enabled: true }],
  ['userStatus (disable)', { kind: 'userStatus', users: [alice], enabled: false }],
  ['deleteUsers', { kind: 'deleteUsers', users: [bob] }],
  ['accessKeyPolicy set', { kind: 'accessKeyPolicy', accessKey: keys.bob, sessionPolicy: GET_ONLY }],
  ['accessKeyPolicy inherit', { kind: 'accessKeyPolicy', accessKey: keys.alice, sessionPolicy: 'inherit' }],
  ['accessKeyStatus', { kind: 'accessKeyStatus', accessKey: keys.bob, enabled: false }],
  ['accessKeysStatus', { kind: 'accessKeysStatus', accessKeys: [keys.bob, keys.alice], enabled: false }],
  ['deleteAccessKey', { kind: 'deleteAccessKey', accessKey: keys.alice }],
  ['accessKeyExpiry', { kind: 'accessKeyExpiry', accessKey: keys.bob, expiresAt: new Date(now.getTime() - 60_000).toISOString() }],
  ['createUser', { kind: 'createUser', name: name('new'), policies: [homePolicy], groups: [team, name('fresh')] }],
  ['createAccessKey', { kind: 'createAccessKey', accessKey: '(new access key)', parent: alice, sessionPolicy: GET_ONLY }],
  ['deleteGroup', { kind: 'deleteGroup', group: team }],
]

describe('the scoped read of the impact preview', () => {
  it('previews every change kind as the full read does', async () => {
    const full = await readDeployment(admin, source(), [bucket])
    for (const [what, change] of changes()) {
      const scoped = await readScope(admin, change, source(), [bucket])
      expect(scoped, what).toBeDefined()
      const expected = preview(full, change)
      expect(expected.gained.length + expected.lost.length, `${what} changes something`).toBeGreaterThan(0)
      expect(preview(scoped as DeploymentModel, change), what).toEqual(expected)
    }
  }, 120_000)

  it('reads only the principals the change reaches, and every policy', async () => {
    const scoped = (await readScope(admin, { kind: 'attach', targets: [{ user: alice }], policies: [writePolicy] }, source(), [bucket])) as DeploymentModel
    expect([...scoped.users.keys()]).toEqual([alice])
    expect([...scoped.groups.keys()]).toEqual([team])
    expect([...scoped.accessKeys.keys()]).toEqual([keys.alice])
    expect(scoped.policies.has(writePolicy) && scoped.policies.has(homePolicy)).toBe(true)
  })
})
