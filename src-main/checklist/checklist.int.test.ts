import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../minio/index.ts'
import type { CheckItem } from './checklist.types.ts'
import { main } from '../cli/main.ts'
import type { CliIo } from '../cli/io.ts'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { checkConnection } from '../services/checklist.service.ts'
import { s3Client } from '../storage/bucket-reader.ts'
import { builtinKmsEnv, startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

// The checklist on a real server (built-in KMS key) with a public bucket, versioning on, off and
// suspended, default SSE on and off, a lifecycle rule, and access keys with and without expiry;
// run with the real keyring (scripts/with-keyring.sh), as `gatehouse check` runs.

const tempDir = useTempDirs()
const V = '2012-10-17'
const DAY = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z')

describe('storage-security checklist against the live MinIO', () => {
  let minio: MinioServer
  let services: AppServices
  let dataDir: string
  const byId = (items: CheckItem[], id: string) => items.find((item) => item.id === id) as CheckItem

  beforeAll(async () => {
    minio = await startMinio({ env: builtinKmsEnv() })
    const root = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
    const s3 = s3Client(root)
    // "good": versioning, SSE, a lifecycle rule, private. "public": anonymous reads. "plain": nothing. "paused": versioning suspended.
    for (const bucket of ['good', 'public', 'plain', 'paused']) await s3.makeBucket(bucket)
    for (const bucket of ['good', 'public']) {
      await s3.setBucketVersioning(bucket, { Status: 'Enabled' })
      await s3.setBucketEncryption(bucket, { Rule: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] })
      await s3.setBucketLifecycle(bucket, { Rule: [{ ID: 'expire-old', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] } as never)
    }
    await s3.setBucketVersioning('paused', { Status: 'Suspended' })
    await s3.setBucketPolicy('public', JSON.stringify({ Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::public/*'] }] }))
    await s3.putObject('public', 'hello.txt', Buffer.from('hello'))

    const admin = new AdminClient(root)
    await admin.createPolicy('one-bucket', { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::good/app/*'] }] })
    await admin.createPolicy('two-buckets', { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::good/*', 'arn:aws:s3:::plain/*'] }] })
    const settings = ['s3:ListAllMyBuckets', 's3:GetBucketVersioning', 's3:GetEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:GetBucketPolicy']
    await admin.createPolicy('admin-users', { Version: V, Statement: [{ Effect: 'Allow', Action: ['admin:*'], Resource: ['arn:aws:s3:::*'] }, { Effect: 'Allow', Action: settings, Resource: ['arn:aws:s3:::*'] }] })
    for (const [user, policies] of [['app', ['one-bucket']], ['wide', ['two-buckets']], ['boss', ['consoleAdmin']], ['rwuser', ['readwrite']], ['ops', ['admin-users']]] as const) {
      await admin.createUser({ accessKey: user, secretKey: `${user}-secret-0123456789` })
      await admin.attachPolicies({ user }, [...policies])
    }
    await admin.createAccessKey({ targetUser: 'app', accessKey: 'APPNOEXPIRY01', secretKey: 'app-no-expiry-secret-01' })
    await admin.createAccessKey({ targetUser: 'app', accessKey: 'APPMONTH00001', secretKey: 'app-month-secret-00001', expiresAt: inDays(30) })
    await admin.createAccessKey({ targetUser: 'app', accessKey: 'APPLONG000001', secretKey: 'app-long-secret-000001', expiresAt: inDays(200) })
    admin.close()

    dataDir = tempDir('gatehouse-check-')
    services = await openAppServices({ dataDir })
    await services.connections.create({ name: 'as-root', endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })
    await services.connections.create({ name: 'as-ops', endpoint: minio.endpoint, accessKey: 'ops', secretKey: 'ops-secret-0123456789', tls: { allowSelfSigned: false } })
  }, 120_000)
  afterAll(async () => {
    for (const connection of (await services?.connections.list()) ?? []) await services.connections.remove(connection.id)
    services?.close()
    await minio?.stop()
  })

  it('fails each bucket item for exactly the buckets that lack it, and the public bucket really serves anonymous reads', async () => {
    const { items } = await checkConnection(services, 'as-root')
    expect(byId(items, 'anonymous-access')).toMatchObject({ status: 'fail', findings: ['public: its bucket policy lets anyone (Principal "*") s3:GetObject'] })
    expect(byId(items, 'versioning').findings).toEqual(['paused: versioning suspended', 'plain: versioning off'])
    expect(byId(items, 'default-encryption').findings).toEqual(['paused: no default server-side encryption', 'plain: no default server-side encryption'])
    expect(byId(items, 'lifecycle').findings).toEqual(['paused: no lifecycle rules', 'plain: no lifecycle rules'])
    const anonymous = await fetch(`${minio.endpoint}/public/hello.txt`)
    expect([anonymous.status, await anonymous.text()]).toEqual([200, 'hello'])
    expect((await fetch(`${minio.endpoint}/plain/`)).status).toBe(403)
  }, 60_000)

  it('flags keys without expiry or beyond the rotation period, full access by the evaluator, and policies reaching many buckets', async () => {
    const { items } = await checkConnection(services, 'as-root', { rotationDays: 90 })
    expect(byId(items, 'access-key-expiry').findings).toEqual([
      expect.stringMatching(/^APPLONG000001 \(of app\) lives until .+, beyond the 90-day rotation period$/),
      'APPNOEXPIRY01 (of app) never expires',
    ])
    expect((await checkConnection(services, 'as-root', { rotationDays: 365 })).items.find((item) => item.id === 'access-key-expiry')?.findings).toEqual(['APPNOEXPIRY01 (of app) never expires'])
    expect(byId(items, 'full-access').findings).toEqual([
      'user boss: consoleAdmin attached, every admin action (admin:*), every S3 action on every bucket (s3:* on *)',
      'user ops: every admin action (admin:*)',
      'user rwuser: every S3 action on every bucket (s3:* on *)',
    ])
    const broad = byId(items, 'broad-policies')
    expect(broad.findings).toEqual([
      'readwrite: grants object access on every bucket, including ones not yet created',
      'two-buckets: grants object access on 2 buckets (good, plain)',
    ])
    expect(broad.template).toMatchObject({ Statement: [{ Sid: 'BucketList' }, { Sid: 'BucketObjects' }] })
  }, 60_000)

  it('knows the root credential from a dedicated admin, and `gatehouse check` exits 1 on a failing item with --json output', async () => {
    const root = await checkConnection(services, 'as-root')
    expect(byId(root.items, 'root-credential').status).toBe('fail')
    const ops = await checkConnection(services, 'as-ops')
    expect(byId(ops.items, 'root-credential').status).toBe('pass')
    expect(byId(ops.items, 'plain-http').status).toBe('pass') // loopback
    let stdout = ''
    const io: CliIo = { stdout: (text) => void (stdout += text), stderr: () => {}, readStdin: async () => '', isStdinTty: false, env: { GATEHOUSE_DATA_DIR: dataDir } }
    expect(await main(['check', '--connection', 'as-ops', '--json'], io)).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.items.map((item: CheckItem) => [item.id, item.status])).toEqual([
      ['root-credential', 'pass'], ['plain-http', 'pass'], ['anonymous-access', 'fail'], ['versioning', 'fail'], ['default-encryption', 'fail'],
      ['lifecycle', 'fail'], ['access-key-expiry', 'fail'], ['full-access', 'fail'], ['broad-policies', 'fail'],
    ])
    expect(await main(['check'], io)).toBe(2)
  }, 60_000)
})
