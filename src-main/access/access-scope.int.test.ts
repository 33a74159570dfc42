import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../minio/admin-client.ts'
import type { PolicyDocument } from '../policy/index.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { AccessAnalyzer } from './access-analyzer.ts'
import { buildMatrix } from './access-matrix.ts'
import { parseResource, requestFor } from './access-request.ts'
import { readDeployment, type DeploymentModel } from './deployment.ts'
import { allPrincipals } from './principals.ts'
import { readPrincipalScope } from './principal-scope.ts'
import { readWhoCanScope } from './who-can-scope.ts'

// The scoped reads of who-can and of one principal's matrix answer as the whole read does, on a
// seeded real MinIO: Deny, conditions, ${aws:username}, NotResource, a built-in policy, a disabled
// group and user, session-policy, disabled and expired keys; and the who-can scope leaves out the
// principals no policy of theirs could allow.
const tag = randomBytes(3).toString('hex')
const bucket = `wcs-${tag}`
const SECRET = 'scope-secret-0123456789'
const name = (base: string) => `${base}-${tag}`
const alice = name('alice'), bob = name('bob'), carol = name('carol'), dave = name('dave'), eve = name('eve'), fay = name('fay')
const team = name('team'), ops = name('ops'), idle = name('idle')
const read = name('read'), write = name('write'), home = name('home'), deny = name('deny'), office = name('office'), other = name('other')
const doc = (Statement: unknown[]) => ({ Version: '2012-10-17', Statement }) as unknown as PolicyDocument
const POLICIES: Record<string, PolicyDocument> = {
  [read]: doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }]),
  [write]: doc([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }]),
  [home]: doc([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/home/\${aws:username}/*`] }]),
  [deny]: doc([{ Effect: 'Deny', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/secret/*`] }, { Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: ['arn:aws:s3:::*'] }]),
  [office]: doc([{ Effect: 'Allow', Action: ['s3:GetObject'], NotResource: [`arn:aws:s3:::other-${tag}/*`], Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }]),
  [other]: doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::other-${tag}/*`] }]),
}
const GET_ONLY = doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/public/*`] }])
const QUESTIONS: Array<[string, string, Record<string, string[]>]> = [
  ['s3:GetObject', `${bucket}/a.txt`, {}],
  ['s3:GetObject', `${bucket}/secret/k`, {}],
  ['s3:GetObject', `${bucket}/public/p`, { 'aws:SourceIp': ['10.1.2.3'] }],
  ['s3:PutObject', `${bucket}/home/${alice}/f`, {}],
  ['s3:ListBucket', `${bucket}/team/`, {}],
  ['s3:ListAllMyBuckets', bucket, {}],
  ['s3:DeleteObject', `${bucket}/a.txt`, {}],
  ['admin:CreateUser', bucket, {}],
  ['s3:GetObject', `other-${tag}/x`, {}],
]

let minio: MinioServer
let admin: AdminClient
const keys: string[] = []

beforeAll(async () => {
  minio = await startMinio()
  admin = new AdminClient({ endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey })
  for (const [policy, document] of Object.entries(POLICIES)) await admin.createPolicy(policy, document)
  for (const user of [alice, bob, carol, dave, eve, fay]) await admin.createUser({ accessKey: user, secretKey: SECRET, status: 'enabled' })
  await admin.createGroup(team, [alice, bob, carol])
  await admin.createGroup(ops, [dave, bob])
  await admin.createGroup(idle, [fay])
  await admin.attachPolicies({ group: team }, [read, deny])
  await admin.attachPolicies({ group: ops }, [write])
  await admin.attachPolicies({ group: idle }, [other])
  await admin.attachPolicies({ user: alice }, [home])
  await admin.attachPolicies({ user: eve }, [office, 'readwrite'])
  await admin.attachPolicies({ user: carol }, [write])
  await admin.attachPolicies({ user: fay }, [other])
  keys.push((await admin.createAccessKey({ targetUser: bob })).accessKey)
  keys.push((await admin.createAccessKey({ targetUser: alice, policy: GET_ONLY })).accessKey)
  keys.push((await admin.createAccessKey({ targetUser: eve })).accessKey)
  const off = (await admin.createAccessKey({ targetUser: eve })).accessKey
  await admin.setAccessKeyStatus(off, 'disabled')
  keys.push(off, (await admin.createAccessKey({ targetUser: carol })).accessKey)
  keys.push((await admin.createAccessKey({ targetUser: fay, expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).accessKey)
  await admin.setGroupStatus(ops, 'disabled')
  await admin.setUserStatus(carol, 'disabled')
}, 120_000)

afterAll(async () => {
  admin?.close()
  await minio?.stop()
})

const source = () => ({ endpoint: minio.endpoint, connection: 'scope' })
const now = new Date()
const whoCan = (model: DeploymentModel, [action, resource, conditions]: (typeof QUESTIONS)[number]) => new AccessAnalyzer(model, now).whoCan(requestFor(action, parseResource(resource)), conditions)

describe('the scoped reads of who-can and the matrix', () => {
  it('who-can answers every question as over the full read', async () => {
    const full = await readDeployment(admin, source())
    let allowed = 0
    for (const question of QUESTIONS) {
      const scoped = await readWhoCanScope(admin, requestFor(question[0], parseResource(question[1])), source())
      const expected = whoCan(full, question)
      allowed += expected.length
      expect(whoCan(scoped, question), question.join(' ')).toEqual(expected)
      // Without the access keys (the screen's first step): the same users and groups.
      const first = await readWhoCanScope(admin, requestFor(question[0], parseResource(question[1])), source(), undefined, { accessKeys: false })
      expect(whoCan(first, question), `${question.join(' ')} without keys`).toEqual(expected.filter((entry) => entry.kind !== 'accessKey'))
    }
    expect(allowed).toBeGreaterThan(10)
  }, 120_000)

  it('who-can reads only the principals some policy of theirs may allow', async () => {
    const scoped = await readWhoCanScope(admin, requestFor('s3:GetObject', parseResource(`other-${tag}/x`)), source())
    // fay (other, directly and through group idle) and eve (the built-in readwrite); no other user holds a policy that may allow it.
    expect([...scoped.users.keys()].sort()).toEqual([eve, fay].sort())
    expect([...scoped.groups.keys()]).toEqual([idle])
  }, 60_000)

  it('the matrix of each principal equals the one over the full read', async () => {
    const full = await readDeployment(admin, source(), [bucket])
    for (const ref of allPrincipals(full)) {
      const scoped = await readPrincipalScope(admin, ref, source(), [bucket])
      const options = { supplied: { 'aws:SourceIp': ['10.0.0.9'] } }
      expect(buildMatrix(new AccessAnalyzer(scoped, now), ref, options), `${ref.kind} ${ref.name}`).toEqual(buildMatrix(new AccessAnalyzer(full, now), ref, options))
    }
  }, 120_000)
})
