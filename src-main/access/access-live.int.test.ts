import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Client } from 'minio'
import { AdminClient } from '../minio/index.ts'
import { s3Client, BucketReader } from '../storage/bucket-reader.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { AccessAnalyzer } from './access-analyzer.ts'
import { parseResource, requestFor } from './access-request.ts'
import { TEST_POLICIES } from '../testbed/worlds/access-world.ts'
import { readDeployment, type DeploymentModel } from './deployment.ts'
import type { PrincipalRef } from './principals.ts'

// Who-can and the matrix against the live server: each user and access key makes the real signed
// S3 request with its own credentials, and the server's answer must equal the analysis.

const SECRET = 'live-secret-0123456789'
const USERS: Array<{ name: string; policies: string[]; status?: 'disabled' }> = [
  { name: 'alice', policies: [] },
  { name: 'bob', policies: ['write-all'] },
  { name: 'carol', policies: ['write-all'], status: 'disabled' },
  { name: 'dave', policies: ['write-all'] },
  { name: 'erin', policies: ['office-only'] },
  { name: 'frank', policies: ['home'] },
  { name: 'gina', policies: ['tls-writes'] },
  { name: 'henry', policies: ['user-cond'] },
]
const KEYS = [
  { accessKey: 'AKBOBNARROW01', secretKey: 'narrow-secret-0123456789', targetUser: 'bob', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }] } },
  { accessKey: 'AKBOBFULL0001', secretKey: 'full-secret-0123456789', targetUser: 'bob' },
]
const BUCKETS = ['logs', 'data', 'home', 'shared']
// A request from this test: plain http from loopback.
const LIVE_CONTEXT = { 'aws:SourceIp': ['127.0.0.1'], 'aws:SecureTransport': ['false'] }

type Operation = { action: string; resource: string; run: (client: Client) => Promise<unknown> }
const drain = (stream: NodeJS.ReadableStream) => new Promise((resolve, reject) => stream.on('data', () => {}).on('end', resolve).on('error', reject))
const OPERATIONS: Operation[] = [
  { action: 's3:GetObject', resource: 'logs/app.log', run: async (client) => drain(await client.getObject('logs', 'app.log')) },
  { action: 's3:GetObject', resource: 'logs/secret/k', run: async (client) => drain(await client.getObject('logs', 'secret/k')) },
  { action: 's3:GetObject', resource: 'data/report.csv', run: async (client) => drain(await client.getObject('data', 'report.csv')) },
  { action: 's3:PutObject', resource: 'data/upload.bin', run: (client) => client.putObject('data', 'upload.bin', Buffer.from('x')) },
  { action: 's3:PutObject', resource: 'home/frank/a.txt', run: (client) => client.putObject('home', 'frank/a.txt', Buffer.from('x')) },
  { action: 's3:PutObject', resource: 'home/bob/a.txt', run: (client) => client.putObject('home', 'bob/a.txt', Buffer.from('x')) },
  { action: 's3:GetObject', resource: 'shared/doc.txt', run: async (client) => drain(await client.getObject('shared', 'doc.txt')) },
  { action: 's3:ListBucket', resource: 'logs', run: (client) => drain(client.listObjectsV2('logs', '', true)) },
  { action: 's3:DeleteObject', resource: 'data/tmp.bin', run: (client) => client.removeObject('data', 'tmp.bin') },
]

/** The server's answer: refused (AccessDenied, or a refused credential) or not. */
async function isAllowedLive(client: Client, operation: Operation): Promise<boolean> {
  try {
    await operation.run(client)
    return true
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'AccessDenied' || code === 'InvalidAccessKeyId') return false
    throw error
  }
}

describe('access analysis agrees with the live MinIO (real signed requests with each principal\'s own credentials)', () => {
  let minio: MinioServer
  let admin: AdminClient
  let model: DeploymentModel
  const credentials = new Map<string, { kind: PrincipalRef['kind']; accessKey: string; secretKey: string }>()

  beforeAll(async () => {
    minio = await startMinio()
    const root = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
    admin = new AdminClient(root)
    const s3 = s3Client(root)
    for (const bucket of BUCKETS) await s3.makeBucket(bucket)
    for (const [bucket, key] of [['logs', 'app.log'], ['logs', 'secret/k'], ['data', 'report.csv'], ['shared', 'doc.txt']] as const) await s3.putObject(bucket, key, Buffer.from('content'))
    for (const [name, document] of Object.entries(TEST_POLICIES)) await admin.createPolicy(name, { ...document, Statement: document.Statement.map((statement) => patchForLoopback(statement)) })
    for (const user of USERS) {
      await admin.createUser({ accessKey: user.name, secretKey: SECRET })
      if (user.policies.length > 0) await admin.attachPolicies({ user: user.name }, user.policies)
      credentials.set(`user:${user.name}`, { kind: 'user', accessKey: user.name, secretKey: SECRET })
    }
    await admin.createGroup('readers', ['alice', 'bob'])
    await admin.attachPolicies({ group: 'readers' }, ['read-logs', 'deny-secret'])
    await admin.createGroup('old', ['dave'])
    await admin.setGroupStatus('old', 'disabled')
    for (const key of KEYS) {
      await admin.createAccessKey(key)
      credentials.set(`accessKey:${key.accessKey}`, { kind: 'accessKey', accessKey: key.accessKey, secretKey: key.secretKey })
    }
    await admin.setUserStatus('carol', 'disabled')
    model = await readDeployment(admin, { endpoint: minio.endpoint }, await new BucketReader(root).listBuckets())
  }, 120_000)
  afterAll(async () => {
    admin?.close()
    await minio?.stop()
  })

  it('reads the deployment as the server holds it', () => {
    expect([...model.users.keys()].sort()).toEqual(USERS.map((user) => user.name).sort())
    expect(model.groups.get('old')?.enabled).toBe(false)
    expect(model.accessKeys.get('AKBOBNARROW01')?.sessionPolicy).toBeDefined()
    expect(model.buckets).toEqual([...BUCKETS].sort())
  })

  it('every user and access key: the cell for this request equals the server\'s answer', async () => {
    const analyzer = new AccessAnalyzer(model)
    const mismatches: string[] = []
    let allowed = 0
    for (const [id, credential] of credentials) {
      const client = s3Client({ endpoint: minio.endpoint, accessKey: credential.accessKey, secretKey: credential.secretKey })
      for (const operation of OPERATIONS) {
        const cell = analyzer.cell({ kind: credential.kind, name: credential.accessKey }, requestFor(operation.action, parseResource(operation.resource)), LIVE_CONTEXT)
        const live = await isAllowedLive(client, operation)
        if (live) allowed++
        if (cell.isConditional || (cell.effect === 'allow') !== live) mismatches.push(`${id} ${operation.action} ${operation.resource}: analysis ${cell.effect}${cell.isConditional ? ' (conditional)' : ''}, server ${live ? 'allowed' : 'denied'}`)
      }
    }
    expect(mismatches).toEqual([])
    // The sample has both answers in good number (a check that cannot pass vacuously).
    expect(allowed).toBeGreaterThan(10)
    expect(credentials.size * OPERATIONS.length - allowed).toBeGreaterThan(10)
  }, 120_000)

  it('who-can lists exactly the users and keys the server lets through, marking context-dependent ones conditional without the context', async () => {
    const analyzer = new AccessAnalyzer(model)
    for (const operation of OPERATIONS.slice(0, 4)) {
      const request = requestFor(operation.action, parseResource(operation.resource))
      const listed = analyzer.whoCan(request, LIVE_CONTEXT).filter((entry) => entry.kind !== 'group').map((entry) => `${entry.kind}:${entry.name}`).sort()
      const live: string[] = []
      for (const [id, credential] of credentials) {
        if (await isAllowedLive(s3Client({ endpoint: minio.endpoint, accessKey: credential.accessKey, secretKey: credential.secretKey }), operation)) live.push(id)
      }
      expect({ operation: operation.resource, listed }).toEqual({ operation: operation.resource, listed: live.sort() })
    }
    const office = analyzer.whoCan(requestFor('s3:GetObject', parseResource('data/report.csv')))
    expect(office.find((entry) => entry.name === 'erin')).toMatchObject({ isConditional: true, conditionKeys: ['aws:SourceIp'] })
  }, 120_000)
})

/** The test world's office range becomes loopback, so the live request from 127.0.0.1 is "in the office". */
function patchForLoopback(statement: unknown): unknown {
  return JSON.parse(JSON.stringify(statement).replace('10.0.0.0/8', '127.0.0.0/8'))
}
