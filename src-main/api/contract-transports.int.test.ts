import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import type { ContractResult, ContractTransport } from '../testbed/transports/contract-transport.ts'
import { startHttpTransport } from '../testbed/transports/http-transport.ts'
import { startIpcTransport } from '../testbed/transports/ipc-transport.ts'

// One contract suite, two transports: Electron IPC (built preload → built main process under the
// Electron stand-in) and browser mode (the real entry over HTTP with its token). Everything else is
// real: the keyring (run under scripts/with-keyring.sh), a SQLite file per data directory, MinIO
// built from source — one server per transport with the same root credential, so both start from
// the same state and must give the same answers. Needs `npm run build` first.
const tempDir = useTempDirs()
const ROOT = { rootAccessKey: `root${randomBytes(6).toString('hex')}`, rootSecretKey: randomBytes(24).toString('base64url') }
const USER = { accessKey: 'contract-user', secretKey: `user-${randomBytes(12).toString('base64url')}` }
const STARTERS = { electron: startIpcTransport, browser: startHttpTransport }
// What each transport's own sender check answers a stranger (the check differs, so the answer does).
const STRANGER_REFUSAL = {
  electron: { code: 'INVALID_INPUT', message: 'Refused: untrusted sender.' },
  browser: { code: 'NOT_CONNECTED', message: 'Missing or wrong token. Open the URL printed by `npm start`.' },
}

/** Every answer of a transport's run, by case, with what differs by nature between the runs. */
interface Run {
  answers: Map<string, ContractResult>
  /** Values that name this run (connection id, endpoint, data dir) and are replaced for comparison. */
  own: Map<string, string>
}
const runs = new Map<keyof typeof STARTERS, Run>()

// Times, uptimes, deployment and request ids differ between two servers and two moments, never by transport;
// `transport` (app.info) names the transport on purpose.
const VARYING_KEYS = new Set(['createdAt', 'updatedAt', 'uptimeSeconds', 'deploymentId', 'requestId', 'transport'])

/** A run's answers with its own values replaced by their names, ready to compare with the other run's. */
function comparable(run: Run): Record<string, unknown> {
  let text = JSON.stringify(Object.fromEntries(run.answers))
  for (const [value, name] of run.own) text = text.split(value).join(`<${name}>`)
  return JSON.parse(text, (key, value: unknown) => (VARYING_KEYS.has(key) ? '<varies>' : value)) as Record<string, unknown>
}

function valueOf<T>(result: ContractResult, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

describe.each(Object.keys(STARTERS) as Array<keyof typeof STARTERS>)('the contract over %s', (name) => {
  let minio: MinioServer
  let transport: ContractTransport
  let connectionId = ''
  const run: Run = { answers: new Map(), own: new Map() }
  runs.set(name, run)
  const call = async (label: string, channel: string, input: unknown) => {
    const result = await transport.invoke(channel, input)
    run.answers.set(label, result)
    return result
  }

  beforeAll(async () => {
    minio = await startMinio(ROOT)
    transport = await STARTERS[name]({ GATEHOUSE_DATA_DIR: tempDir(`gatehouse-contract-${name}-`) })
    run.own.set(minio.endpoint, 'endpoint')
    run.own.set(new URL(minio.endpoint).host, 'host')
    run.own.set(transport.dataDir, 'dataDir')
  })
  afterAll(async () => {
    // The keychain entry goes with the connection.
    if (connectionId) await transport?.invoke('connections.remove', { id: connectionId })
    await transport?.stop()
    await minio?.stop()
  })

  it('app.info names this transport, the version, the data directory and the keychain', async () => {
    const info = valueOf<Record<string, unknown>>(await call('app.info', 'app.info', {}), 'app.info')
    expect(info).toMatchObject({ transport: name, dataDir: transport.dataDir, keychain: 'keytar (OS keychain)' })
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('connections.create keeps the secret in the keychain and answers without it', async () => {
    const created = await call('connections.create', 'connections.create', {
      name: 'contract', endpoint: minio.endpoint, accessKey: ROOT.rootAccessKey, secretKey: ROOT.rootSecretKey, tls: { allowSelfSigned: false },
    })
    const view = valueOf<{ id: string; name: string; hasSecret: boolean }>(created, 'connections.create')
    connectionId = view.id
    run.own.set(connectionId, 'connectionId')
    expect(view).toMatchObject({ name: 'contract', endpoint: minio.endpoint, accessKey: ROOT.rootAccessKey, hasSecret: true, hasSessionToken: false })
    expect(view).not.toHaveProperty('secretKey')
    const keytar = (await import('keytar')).default
    await expect(keytar.getPassword('gatehouse', connectionId)).resolves.toBe(ROOT.rootSecretKey)
  })

  it('connections.list lists it; connections.test reaches the real MinIO', async () => {
    expect(valueOf(await call('connections.list', 'connections.list', {}), 'connections.list')).toEqual([
      expect.objectContaining({ id: connectionId, name: 'contract', hasSecret: true }),
    ])
    const summary = valueOf<Record<string, unknown>>(await call('connections.test', 'connections.test', { id: connectionId }), 'connections.test')
    expect(summary).toMatchObject({ endpoint: minio.endpoint, drivesOnline: 1, drivesOffline: 0, bucketCount: 0 })
  })

  it('users.create, users.list and users.get against the real MinIO', async () => {
    await expect(call('users.create', 'users.create', { connectionId, ...USER })).resolves.toEqual({ ok: true, value: { accessKey: USER.accessKey } })
    expect(valueOf(await call('users.list', 'users.list', { connectionId }), 'users.list')).toEqual([
      { accessKey: USER.accessKey, status: 'enabled', policies: [], memberOf: [] },
    ])
    expect(valueOf(await call('users.get', 'users.get', { connectionId, accessKey: USER.accessKey }), 'users.get')).toMatchObject({
      accessKey: USER.accessKey, status: 'enabled', groups: [], effective: [],
    })
    await expect(call('users.get missing', 'users.get', { connectionId, accessKey: 'nobody' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses a channel the contract does not have', async () => {
    await expect(call('unknown channel', 'users.steal', { connectionId })).resolves.toEqual({
      ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown channel users.steal.' },
    })
  })

  it('refuses invalid input with the schema’s reason, before any service call', async () => {
    const refused = await call('invalid input', 'users.create', { connectionId, accessKey: 'short-secret', secretKey: 'short' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Invalid input for users\.create: secretKey: /) } })
    expect(valueOf<unknown[]>(await transport.invoke('users.list', { connectionId }), 'users.list')).toHaveLength(1)
  })

  it('refuses a stranger (another page over IPC, a wrong token over HTTP) and does nothing for it', async () => {
    await expect(transport.invokeAsStranger('connections.remove', { id: connectionId })).resolves.toEqual({ ok: false, error: STRANGER_REFUSAL[name] })
    await expect(transport.invokeAsStranger('app.info', {})).resolves.toEqual({ ok: false, error: STRANGER_REFUSAL[name] })
    expect(valueOf(await transport.invoke('connections.list', {}), 'connections.list')).toEqual([expect.objectContaining({ id: connectionId })])
  })

  it('never echoes a secret: not in any answer, not in what the app printed', () => {
    const answers = JSON.stringify([...run.answers.values()])
    for (const secret of [ROOT.rootSecretKey, USER.secretKey]) {
      expect(answers).not.toContain(secret)
      expect(transport.output()).not.toContain(secret)
    }
  })
})

describe('both transports', () => {
  it('give the same answer to every case, but for the transport app.info names', () => {
    const [electron, browser] = [runs.get('electron'), runs.get('browser')]
    if (!electron || !browser) throw new Error('a transport did not run')
    expect(electron.answers.size).toBeGreaterThanOrEqual(9)
    expect(comparable(browser)).toEqual(comparable(electron))
  })
})
