// The templates against the real MinIO: the built-in documents are what the server itself holds
// (policies.get of each built-in), and the minimal template, rendered through policies.renderTemplate
// and saved, does on the server exactly what the evaluator says, asked with the user's own credentials.
// Run under scripts/with-keyring.sh (the connection's secret).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract.ts'
import { dispatch } from '../api/dispatch.ts'
import { createHandlers } from '../api/handlers.ts'
import { BUILTIN_POLICY_DOCUMENTS } from '../access/builtin-policies.ts'
import { evaluatePrincipal, type PolicyDocument } from '../policy/index.ts'
import { askServer, s3Client } from '../testbed/live-differential/live-s3-requests.ts'
import type { RequestSpec } from '../testbed/live-differential/live-scenarios.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import type { AppServices } from './app-services.ts'
import { openAppServices } from './open-app-services.ts'

const TAG = randomBytes(3).toString('hex')
const BUCKET = `tpl-${TAG}`
const OTHER = `tpl-${TAG}-other`
let minio: MinioServer
let services: AppServices
let dataDir: string
let connectionId: string

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(createHandlers(services, { transport: 'browser', version: 'test' }), channel, input, { warn: () => {}, error: () => {} })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

/** MinIO keeps actions in a set: compare with each statement's actions sorted. */
function sortedActions(document: PolicyDocument): unknown {
  return { ...document, Statement: (document.Statement ?? []).map((statement) => ({ ...statement, Action: [...(statement.Action as string[])].sort() })) }
}

beforeAll(async () => {
  minio = await startMinio()
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-templates-live-'))
  services = await openAppServices({ dataDir })
  connectionId = (await services.connections.create({ name: `templates-${TAG}`, endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })).id
  const root = s3Client(minio.endpoint, minio.rootAccessKey, minio.rootSecretKey)
  for (const bucket of [BUCKET, OTHER]) {
    await root.makeBucket(bucket)
    for (const key of ['team/a.txt', 'other/b.txt']) await root.putObject(bucket, key, Buffer.from(key), key.length)
  }
}, 60_000)

afterAll(async () => {
  if (connectionId) await services.connections.remove(connectionId)
  services?.close()
  await minio?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('policy templates on the live server', () => {
  it('each built-in template is the document the server holds for that built-in', async () => {
    for (const [name, document] of Object.entries(BUILTIN_POLICY_DOCUMENTS)) {
      const held = JSON.parse((await call('policies.get', { connectionId, name })).text) as PolicyDocument
      expect({ name, document: sortedActions(held) }).toEqual({ name, document: sortedActions(document) })
      const rendered = await call('policies.renderTemplate', { template: `builtin:${name}` })
      expect(JSON.parse(rendered.text)).toEqual(document)
    }
  })

  it('the minimal template, saved for a bucket and prefix, does on the server what the evaluator says', async () => {
    const rendered = await call('policies.renderTemplate', { template: 'minimal', bucket: BUCKET, prefix: 'team' })
    expect(rendered.issues).toEqual([])
    await call('policies.create', { connectionId, name: rendered.name, text: rendered.text })
    const secret = randomBytes(12).toString('hex')
    await call('users.create', { connectionId, accessKey: `tpl${TAG}`, secretKey: secret })
    await call('policies.attach', { connectionId, target: { user: `tpl${TAG}` }, policies: [rendered.name] })
    const client = s3Client(minio.endpoint, `tpl${TAG}`, secret)
    const document = JSON.parse(rendered.text) as PolicyDocument
    const questions: Array<{ request: RequestSpec; action: string; object: string }> = [
      { request: { kind: 'PutObject', bucket: BUCKET, key: 'team/new.txt' }, action: 's3:PutObject', object: 'team/new.txt' },
      { request: { kind: 'GetObject', bucket: BUCKET, key: 'team/a.txt' }, action: 's3:GetObject', object: 'team/a.txt' },
      { request: { kind: 'GetObject', bucket: BUCKET, key: 'other/b.txt' }, action: 's3:GetObject', object: 'other/b.txt' },
      { request: { kind: 'PutObject', bucket: BUCKET, key: 'other/new.txt' }, action: 's3:PutObject', object: 'other/new.txt' },
      { request: { kind: 'ListObjectsV2', bucket: BUCKET, key: '', prefix: '', delimiter: '/' }, action: 's3:ListBucket', object: '' },
      { request: { kind: 'GetObject', bucket: OTHER, key: 'team/a.txt' }, action: 's3:GetObject', object: 'team/a.txt' },
      { request: { kind: 'DeleteObject', bucket: BUCKET, key: 'team/new.txt' }, action: 's3:DeleteObject', object: 'team/new.txt' },
    ]
    const answers = []
    for (const { request, action, object } of questions) {
      const server = (await askServer(client, request, undefined)).allowed
      const evaluator = evaluatePrincipal({ userPolicies: [document] }, { action, bucket: request.bucket, object }).allowed
      answers.push({ request: `${request.kind} ${request.bucket}/${request.key}`, server, evaluator })
    }
    expect(answers.map(({ request, server }) => ({ request, server }))).toEqual(answers.map(({ request, evaluator }) => ({ request, server: evaluator })))
    expect(answers.map((answer) => answer.server)).toEqual([true, true, false, false, true, false, true])
  }, 60_000)
})
