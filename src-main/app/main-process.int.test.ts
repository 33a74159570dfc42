import Database from 'better-sqlite3'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS } from '../api/contract.ts'
import { createMc, type Mc } from '../testbed/minio/mc-cli.ts'
import { OUT_DIR } from '../testbed/electron/built-app.ts'
import { startMainProcess, type MainProcess } from '../testbed/electron/main-process.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

// The built main process (out/main/index.js) under Node with the Electron stand-in
// (src-main/testbed/electron/stand-in): everything but Electron is real — the keyring (run under
// scripts/with-keyring.sh), a SQLite file in a temp data dir, MinIO built from source.
const PAGE = pathToFileURL(join(OUT_DIR, 'renderer', 'index.html')).href
const PRELOAD = join(OUT_DIR, 'preload', 'index.cjs')
const DEV_SERVER = 'http://127.0.0.1:5173/'
const tempDir = useTempDirs()
const version = (JSON.parse(readFileSync(join(OUT_DIR, '..', 'package.json'), 'utf8')) as { version: string })
  .version

interface Snapshot {
  isPackaged: boolean
  sandboxEnabled: boolean
  singleInstanceLockRequests: number
  quit: boolean
  handleCalls: string[]
  permissionHandlers: Record<string, boolean>
  errorBoxes: Array<{ title: string; content: string }>
  windows: Array<{
    options: { webPreferences: Record<string, unknown> }
    url: string
    shown: boolean
    minimized: boolean
    focusCount: number
    restoreCount: number
    devToolsOpened: boolean
    listeners: string[]
  }>
}
type Result =
  { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } }

async function started(env: Record<string, string>): Promise<MainProcess> {
  const main = startMainProcess({ GATEHOUSE_DATA_DIR: tempDir('gatehouse-shell-'), ...env })
  await main.next('loaded')
  return main
}
const invoke = (main: MainProcess, channel: string, input: unknown, frame = { url: PAGE, top: true }) =>
  main.send<Result>({ command: 'invoke', channel, input, frame })

describe('built main process under the Electron stand-in (real keyring, SQLite, MinIO)', () => {
  let minio: MinioServer
  let mc: Mc
  let main: MainProcess
  let dataDir: string
  let first: Snapshot

  beforeAll(async () => {
    minio = await startMinio()
    const root = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
    mc = await createMc({ kind: 'single', nodes: [minio], root, stop: () => minio.stop() })
    dataDir = tempDir('gatehouse-shell-data-')
    main = await started({ GATEHOUSE_DATA_DIR: dataDir })
    first = await main.send<Snapshot>({ command: 'snapshot' })
  })
  afterAll(async () => {
    await main?.stop()
    mc?.cleanup()
    await minio?.stop()
  })

  it('opens one sandboxed, isolated window on its own index.html with the built preload', () => {
    expect(first.sandboxEnabled).toBe(true)
    expect(first.singleInstanceLockRequests).toBe(1)
    expect(first.windows).toHaveLength(1)
    const [window] = first.windows
    expect(window?.url).toBe(PAGE)
    expect(window?.shown).toBe(true)
    expect(window?.options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      devTools: true,
    })
    expect(existsSync(PRELOAD)).toBe(true)
    expect(window?.devToolsOpened).toBe(false)
    expect(window?.listeners).toEqual(
      expect.arrayContaining([
        'will-attach-webview',
        'will-frame-navigate',
        'will-navigate',
        'will-redirect',
      ]),
    )
    expect(first.permissionHandlers).toEqual({ request: true, check: true, device: true })
  })

  it('registers every contract channel with ipcMain.handle exactly once', () => {
    expect([...first.handleCalls].sort()).toEqual([...CHANNELS].sort())
  })

  it('a call from our page reaches the real keychain, SQLite trail and MinIO and returns the contract Result', async () => {
    await expect(invoke(main, 'app.info', {})).resolves.toEqual({
      ok: true,
      value: { version, transport: 'electron', dataDir, keychain: 'keytar (OS keychain)' },
    })
    const created = await invoke(main, 'connections.create', {
      name: 'stand-in',
      endpoint: minio.endpoint,
      accessKey: minio.rootAccessKey,
      secretKey: minio.rootSecretKey,
      tls: { allowSelfSigned: false },
    })
    if (!created.ok) throw new Error(`connections.create failed: ${created.error.message}\n${main.output()}`)
    const connectionId = String(created.value.id)
    expect(created.value).toMatchObject({ name: 'stand-in', hasSecret: true })
    expect(created.value).not.toHaveProperty('secretKey')
    const keytar = (await import('keytar')).default
    await expect(keytar.getPassword('gatehouse', connectionId)).resolves.toBe(minio.rootSecretKey)

    await expect(
      invoke(main, 'users.create', {
        connectionId,
        accessKey: 'shell-user',
        secretKey: 'shell-user-secret-1',
      }),
    ).resolves.toEqual({ ok: true, value: { accessKey: 'shell-user' } })
    await expect(mc.json('admin', 'user', 'info', 'ALIAS', 'shell-user')).resolves.toMatchObject({
      status: 'success',
      accessKey: 'shell-user',
    })
    const trail = new Database(join(dataDir, 'audit.sqlite'), { readonly: true })
    try {
      const outcome = trail
        .prepare(
          "SELECT c.outcome FROM entries i JOIN entries c ON c.intent_seq = i.seq WHERE i.kind = 'intent' AND i.action = 'user.created' AND i.target = 'shell-user'",
        )
        .all()
      expect(outcome).toEqual([{ outcome: 'ok' }])
    } finally {
      trail.close()
    }
    await expect(
      invoke(main, 'users.create', { connectionId, accessKey: 'x', secretKey: 'short' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('refuses and logs forged senders: a subframe, another origin, another file ending in renderer/index.html', async () => {
    const listed = await invoke(main, 'connections.list', {})
    expect(listed).toMatchObject({ ok: true })
    const forged = [
      { frame: { url: PAGE, top: false }, logged: 'refused connections.remove: not the top frame' },
      {
        frame: { url: 'https://evil.example/', top: true },
        logged: 'refused connections.remove: not our page: https://evil.example/',
      },
      {
        frame: { url: 'file:///tmp/evil/out/renderer/index.html', top: true },
        logged: 'not our page: file:///tmp/evil/out/renderer/index.html',
      },
      { frame: { url: `${PAGE}?x=1`, top: true }, logged: `not our page: ${PAGE}?x=1` },
      { frame: { url: DEV_SERVER, top: true }, logged: `not our page: ${DEV_SERVER}` },
    ]
    const connectionId = (listed.ok && (listed.value as unknown as Array<{ id: string }>)[0]?.id) || 'none'
    for (const { frame, logged } of forged) {
      await expect(invoke(main, 'connections.remove', { id: connectionId }, frame)).resolves.toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Refused: untrusted sender.' },
      })
      await main.printed(logged)
    }
    await expect(invoke(main, 'connections.list', {})).resolves.toEqual(listed) // nothing was removed
  })

  it('denies navigation, redirects and frame navigation away from our page, new windows, webviews and permissions', async () => {
    const navigate = (
      event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
      url: string,
      isMainFrame = true,
    ) => main.send<{ prevented: boolean }>({ command: 'navigate', event, url, isMainFrame })
    await expect(navigate('will-navigate', 'https://evil.example/')).resolves.toEqual({ prevented: true })
    await expect(navigate('will-navigate', 'file:///tmp/evil/out/renderer/index.html')).resolves.toEqual({
      prevented: true,
    })
    await expect(navigate('will-redirect', 'https://evil.example/')).resolves.toEqual({ prevented: true })
    await expect(navigate('will-frame-navigate', 'https://evil.example/', false)).resolves.toEqual({
      prevented: true,
    })
    await expect(navigate('will-navigate', `${PAGE}#reload`)).resolves.toEqual({ prevented: false })
    await main.printed('refused redirect to https://evil.example/')
    await expect(main.send({ command: 'open-window', url: 'https://evil.example/' })).resolves.toEqual({
      action: 'deny',
    })
    await expect(main.send({ command: 'attach-webview', src: 'https://evil.example/' })).resolves.toEqual({
      prevented: true,
    })
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      await expect(main.send({ command: 'permission', kind: 'request', permission })).resolves.toBe(false)
      await expect(main.send({ command: 'permission', kind: 'check', permission })).resolves.toBe(false)
    }
    await expect(main.send({ command: 'permission', kind: 'device', permission: 'hid' })).resolves.toBe(false)
  })

  it('a second instance restores and focuses the first window, and opens none', async () => {
    const after = await main.send<Snapshot>({ command: 'second-instance', minimizeFirst: true })
    expect(after.windows).toHaveLength(1)
    expect(after.windows[0]).toMatchObject({ minimized: false, restoreCount: 1, focusCount: 1 })
  })
})

describe('main process start-up variants under the Electron stand-in', () => {
  it('quits at once when another instance holds the lock: no window, no handler, no data dir opened', async () => {
    const dataDir = join(tempDir('gatehouse-shell-'), 'data')
    const main = startMainProcess({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_STANDIN_LOCK: 'taken' })
    const exit = await main.next('exit')
    expect(exit).toMatchObject({ code: 0, snapshot: { quit: true, windows: [], handleCalls: [] } })
    expect(existsSync(dataDir)).toBe(false)
    await main.stop()
  })

  it('packaged: ignores ELECTRON_RENDERER_URL, loads its own file, no DevTools, refuses the dev origin', async () => {
    const main = await started({ GATEHOUSE_STANDIN_PACKAGED: '1', ELECTRON_RENDERER_URL: DEV_SERVER })
    try {
      const { isPackaged, windows } = await main.send<Snapshot>({ command: 'snapshot' })
      expect(isPackaged).toBe(true)
      expect(windows[0]?.url).toBe(PAGE)
      expect(windows[0]?.options.webPreferences.devTools).toBe(false)
      await expect(invoke(main, 'app.info', {}, { url: DEV_SERVER, top: true })).resolves.toMatchObject({
        ok: false,
      })
      await expect(invoke(main, 'app.info', {})).resolves.toMatchObject({ ok: true })
    } finally {
      await main.stop()
    }
  })

  it('development: loads ELECTRON_RENDERER_URL and trusts exactly its origin', async () => {
    const main = await started({ ELECTRON_RENDERER_URL: DEV_SERVER })
    try {
      const { windows } = await main.send<Snapshot>({ command: 'snapshot' })
      expect(windows[0]?.url).toBe(DEV_SERVER)
      await expect(invoke(main, 'app.info', {}, { url: DEV_SERVER, top: true })).resolves.toMatchObject({
        ok: true,
      })
      await expect(
        invoke(main, 'app.info', {}, { url: 'http://127.0.0.1:5174/', top: true }),
      ).resolves.toMatchObject({ ok: false })
      await expect(invoke(main, 'app.info', {})).resolves.toMatchObject({ ok: false })
    } finally {
      await main.stop()
    }
  })

  it('without keytar (an optional dependency) and without OS encryption starts on the passphrase vault, which refuses until it is created', async () => {
    const main = await started({ GATEHOUSE_STANDIN_HIDE: 'keytar' })
    try {
      // safeStorage's Linux 'basic_text' backend is a hard-coded key: never used for secrets.
      await expect(invoke(main, 'app.info', {})).resolves.toMatchObject({
        ok: true,
        value: { keychain: 'encrypted vault (passphrase)' },
      })
      const created = await invoke(main, 'connections.create', {
        name: 'no-keytar',
        endpoint: 'http://127.0.0.1:9',
        accessKey: 'a',
        secretKey: 'secret-key-1',
        tls: { allowSelfSigned: false },
      })
      expect(created).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    } finally {
      await main.stop()
    }
  })

  it('a data directory that cannot be opened: an error box naming it, exit code 1, no window', async () => {
    const notADir = join(tempDir('gatehouse-shell-'), 'file')
    writeFileSync(notADir, '')
    const main = startMainProcess({ GATEHOUSE_DATA_DIR: notADir })
    const exit = await main.next('exit')
    expect(exit).toMatchObject({
      code: 1,
      snapshot: { windows: [], errorBoxes: [{ title: 'Gatehouse could not start' }] },
    })
    expect((exit.snapshot as Snapshot).errorBoxes[0]?.content).toContain(notADir)
    await main.stop()
  })
})
