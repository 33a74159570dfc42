import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from 'minio'
import { afterAll, beforeAll } from 'vitest'
import { evaluateInput, principalWorkspace } from '../../../src-renderer/features/tester/tester-workspace.ts'
import type { Channel, ChannelInput, ChannelOutput } from '../../api/contract.ts'
import { dispatch } from '../../api/dispatch.ts'
import { createHandlers } from '../../api/handlers.ts'
import type { AppServices } from '../../services/app-services.ts'
import { openAppServices } from '../../services/open-app-services.ts'
import { createMc, type Mc } from '../minio/mc-cli.ts'
import { startMinio, type MinioServer } from '../minio/minio-server.ts'
import { s3Client } from './live-s3-requests.ts'
import type { PrincipalSpec, RequestSpec, World } from './live-scenarios.ts'

/**
 * What the live tester suites (tester-live, tester-why-not) stand on: one real MinIO with the world's
 * buckets, Gatehouse's services on a temp data dir with a root connection to it (its secret in the
 * keychain: run under scripts/with-keyring.sh), mc and an S3 client of root for setup, principals
 * created with mc, and the contract's channels called as the screens call them.
 */
export interface LiveTester {
  minio: MinioServer
  services: AppServices
  connectionId: string
  mc: Mc
  /** S3 client of the root credential (setup and ListBuckets' truth). */
  root: Client
  /** Calls a channel through dispatch (parse → handler → Result) and returns its value; throws on an error Result. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Creates the principal with mc; returns the credential its requests are signed with. */
  createPrincipal(spec: PrincipalSpec): Promise<LiveCredential>
}

export interface LiveCredential {
  accessKey: string
  secretKey: string
  /** The tester's name of the principal: `user:<name>` or `key:<accessKey>`. */
  principal: string
}

/**
 * Registers beforeAll/afterAll (at a test file's top level) that start the server, make the world's
 * buckets (versioning on in `world.versioned`), then run `seed`; afterAll removes the connection, closes
 * the services and stops the server. `name` names the connection and the data dir; the fields are set
 * once beforeAll ran.
 */
export function useLiveTester(name: string, world: World, seed: (live: LiveTester) => Promise<void>): LiveTester {
  let dataDir = ''
  const live = {
    call: (channel, input) => callChannel(live.services, channel, input),
    createPrincipal: (spec) => createPrincipal(live.mc, spec),
  } as LiveTester
  beforeAll(async () => {
    live.minio = await startMinio()
    dataDir = mkdtempSync(join(tmpdir(), `gatehouse-${name}-`))
    live.services = await openAppServices({ dataDir })
    const root = { endpoint: live.minio.endpoint, accessKey: live.minio.rootAccessKey, secretKey: live.minio.rootSecretKey }
    live.connectionId = (await live.services.connections.create({ name, ...root, tls: { allowSelfSigned: false } })).id
    live.mc = await createMc({ kind: 'single', nodes: [live.minio], root, stop: () => live.minio.stop() })
    live.root = s3Client(root.endpoint, root.accessKey, root.secretKey)
    for (const bucket of world.buckets) await live.root.makeBucket(bucket)
    await live.root.setBucketVersioning(world.versioned, { Status: 'Enabled' })
    await seed(live)
  }, 60_000)
  afterAll(async () => {
    if (live.connectionId) await live.services.connections.remove(live.connectionId)
    live.services?.close()
    live.mc?.cleanup()
    await live.minio?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })
  return live
}

async function callChannel<C extends Channel>(services: AppServices, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(createHandlers(services, { transport: 'browser', version: 'test' }), channel, input, { warn: () => {}, error: () => {} })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

async function createPrincipal(mc: Mc, spec: PrincipalSpec): Promise<LiveCredential> {
  const policies = [...spec.policies, ...spec.groups.flatMap((group) => group.policies)]
  await Promise.all(policies.map((policy) => mc.json('admin', 'policy', 'create', 'ALIAS', policy.name, mc.file(`${policy.name}.json`, JSON.stringify(policy.document)))))
  const secret = randomBytes(12).toString('hex')
  await mc.json('admin', 'user', 'add', 'ALIAS', spec.user, secret)
  if (spec.policies.length > 0) await mc.json('admin', 'policy', 'attach', 'ALIAS', ...spec.policies.map((policy) => policy.name), '--user', spec.user)
  for (const group of spec.groups) {
    await mc.json('admin', 'group', 'add', 'ALIAS', group.name, spec.user)
    if (group.policies.length > 0) await mc.json('admin', 'policy', 'attach', 'ALIAS', ...group.policies.map((policy) => policy.name), '--group', group.name)
    if (!group.enabled) await mc.json('admin', 'group', 'disable', 'ALIAS', group.name)
  }
  if (!spec.accessKey) return { accessKey: spec.user, secretKey: secret, principal: `user:${spec.user}` }
  const accessKey = `k${spec.user}`
  const keySecret = randomBytes(12).toString('hex')
  const policy = spec.accessKey.policy ? ['--policy', mc.file(`${spec.user}-session.json`, JSON.stringify(spec.accessKey.policy.document))] : []
  await mc.json('admin', 'user', 'svcacct', 'add', 'ALIAS', spec.user, '--access-key', accessKey, '--secret-key', keySecret, ...policy)
  return { accessKey, secretKey: keySecret, principal: `key:${accessKey}` }
}

/**
 * The `tester.evaluate` input the Policy tester builds for a loaded principal asking `request`, sent
 * signed (v4) from 127.0.0.1 with the SDK's User-Agent. The operation's fields are left empty: each suite
 * sets `request.operation` to what its requests carry. Throws when the state has no such principal.
 */
export function testerInput(state: ChannelOutput<'tester.loadPrincipal'>, principal: string, request: RequestSpec, userAgent: string): ChannelInput<'tester.evaluate'> {
  const loaded = principalWorkspace(state, principal)
  if (!loaded) throw new Error(`the tester did not load ${principal}`)
  return evaluateInput({
    documents: loaded.documents.map((document, index) => ({ ...document, id: `d${index}` })),
    userName: loaded.userName, groups: loaded.groups, hasAccessKey: loaded.hasAccessKey, isRoot: false, isOwner: false,
    action: '', bucket: request.bucket, object: request.key, conditions: [], operation: request.kind,
    fields: { versionId: '', tags: '', storedTags: '', sourceBucket: '', sourceKey: '', prefix: '', delimiter: '', maxKeys: '', buckets: '', sendPrefix: false, sendDelimiter: false },
    transport: { secureTransport: state.secureTransport ?? true, sourceIp: '127.0.0.1', authType: 'signed-v4', userAgent, referer: '' },
    semantics: { id: '', serverVersion: state.serverVersion ?? null },
  })
}
