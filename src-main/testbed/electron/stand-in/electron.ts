import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { onCommand, report } from './control.ts'

/**
 * A stand-in for the `electron` module in the main process, for tests that run the built
 * out/main/index.js under Node (the Electron binary cannot be had here). It models only what
 * Gatehouse asks for, records it, and lets the test fire events (control.ts). Behaviour follows
 * Electron's API docs (docs/api/*.md, as shipped in node_modules/electron/electron.d.ts):
 * - app (app.md): `ready` after the main script has run, whenReady(); requestSingleInstanceLock()
 *   (false when GATEHOUSE_STANDIN_LOCK=taken), `second-instance` (event, argv, workingDirectory,
 *   additionalData); `web-contents-created` emitted while a BrowserWindow is constructed;
 *   quit(): before-quit, will-quit, quit, then exit; exit(code); isPackaged
 *   (GATEHOUSE_STANDIN_PACKAGED=1); getVersion()/getAppPath() from the app's package.json.
 * - BrowserWindow (browser-window.md): options kept as given; loadURL resolves, then
 *   `ready-to-show`; show, focus, minimize/isMinimized/restore; getAllWindows().
 * - webContents (web-contents.md): setWindowOpenHandler (no handler = allow); will-navigate and
 *   will-redirect (details Event + deprecated positional args), will-frame-navigate (details
 *   only), will-attach-webview (event, webPreferences, params); preventDefault on the Event.
 * - ipcMain.handle (ipc-main.md): a second handler for a channel throws "Attempted to register a
 *   second handler for '<channel>'"; the IpcMainInvokeEvent carries sender and senderFrame
 *   (web-frame-main.md: url, parent null for the top frame); arguments and the answer cross by
 *   structured clone (the control channel uses Node's advanced serialization).
 * - session.defaultSession (session.md): setPermissionRequestHandler (no handler = grant),
 *   setPermissionCheckHandler (no handler = grant), setDevicePermissionHandler.
 * - safeStorage (safe-storage.md): no OS key here, so isEncryptionAvailable() is false and
 *   encryptString throws; getSelectedStorageBackend() 'basic_text' (Linux without a keyring).
 * - dialog.showErrorBox (dialog.md): recorded and printed.
 */

type Listener = (...args: unknown[]) => unknown
interface NavigationEvent {
  url: string
  isMainFrame: boolean
  defaultPrevented: boolean
  preventDefault: () => void
}

const appRoot = findAppRoot(process.argv[1] ?? process.cwd())
const appPackage = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as {
  name: string
  version: string
  productName?: string
}

export const state = {
  sandboxEnabled: false,
  singleInstanceLockRequests: 0,
  quit: false,
  handleCalls: [] as string[],
  permissionHandlers: {
    request: undefined as Listener | undefined,
    check: undefined as Listener | undefined,
    device: undefined as Listener | undefined,
  },
  errorBoxes: [] as Array<{ title: string; content: string }>,
}
const handlers = new Map<string, Listener>()

function makeEvent(extra: Record<string, unknown> = {}): NavigationEvent {
  const event = { url: '', isMainFrame: true, defaultPrevented: false, ...extra } as NavigationEvent
  event.preventDefault = () => {
    event.defaultPrevented = true
  }
  return event
}

class AppStandIn extends EventEmitter {
  readonly isPackaged = process.env.GATEHOUSE_STANDIN_PACKAGED === '1'
  readonly name = appPackage.productName ?? appPackage.name
  #ready = false
  #whenReady = new Promise<void>((resolveReady) => {
    setImmediate(() => {
      this.#ready = true
      this.emit('ready', makeEvent(), {})
      resolveReady()
    })
  })
  enableSandbox(): void {
    state.sandboxEnabled = true
  }
  whenReady(): Promise<void> {
    return this.#whenReady
  }
  isReady(): boolean {
    return this.#ready
  }
  requestSingleInstanceLock(): boolean {
    state.singleInstanceLockRequests++
    return process.env.GATEHOUSE_STANDIN_LOCK !== 'taken'
  }
  getVersion(): string {
    return appPackage.version
  }
  getAppPath(): string {
    return appRoot
  }
  getPath(name: string): string {
    throw new Error(`stand-in: app.getPath('${name}') is not modelled; set GATEHOUSE_DATA_DIR`)
  }
  quit(): void {
    state.quit = true
    for (const name of ['before-quit', 'will-quit']) this.emit(name, makeEvent())
    this.emit('quit', makeEvent(), 0)
    this.exit(0)
  }
  exit(code = 0): void {
    report({ type: 'exit', code, snapshot: snapshot() })
    setImmediate(() => process.exit(code))
  }
}

export const app = new AppStandIn()

let nextId = 1
class WebContentsStandIn extends EventEmitter {
  readonly id = nextId++
  url = ''
  devToolsOpened = false
  windowOpenHandler: Listener | undefined
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler
  }
  getURL(): string {
    return this.url
  }
  openDevTools(): void {
    this.devToolsOpened = true
  }
}

export class BrowserWindow extends EventEmitter {
  static #all: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.#all]
  }
  readonly webContents = new WebContentsStandIn()
  shown = false
  minimized = false
  focusCount = 0
  restoreCount = 0
  readonly options: Record<string, unknown>
  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    BrowserWindow.#all.push(this)
    app.emit('web-contents-created', makeEvent(), this.webContents)
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url
    setImmediate(() => {
      this.emit('ready-to-show')
      report({ type: 'loaded', url })
    })
  }
  async loadFile(filePath: string): Promise<void> {
    return this.loadURL(pathToFileURL(resolve(appRoot, filePath)).href)
  }
  show(): void {
    this.shown = true
  }
  focus(): void {
    this.focusCount++
  }
  minimize(): void {
    this.minimized = true
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
    this.restoreCount++
  }
  isDestroyed(): boolean {
    return false
  }
}

export const ipcMain = {
  handle(channel: string, handler: Listener): void {
    state.handleCalls.push(channel)
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    handlers.delete(channel)
  },
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener | null) =>
      void (state.permissionHandlers.request = handler ?? undefined),
    setPermissionCheckHandler: (handler: Listener | null) =>
      void (state.permissionHandlers.check = handler ?? undefined),
    setDevicePermissionHandler: (handler: Listener | null) =>
      void (state.permissionHandlers.device = handler ?? undefined),
  },
}

export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (): Buffer => {
    throw new Error(
      'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
    )
  },
  decryptString: (): string => {
    throw new Error(
      'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
    )
  },
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    state.errorBoxes.push({ title, content })
    console.error(`[stand-in dialog] ${title}: ${content}`)
  },
}

export function snapshot() {
  return {
    isPackaged: app.isPackaged,
    sandboxEnabled: state.sandboxEnabled,
    singleInstanceLockRequests: state.singleInstanceLockRequests,
    quit: state.quit,
    handleCalls: state.handleCalls,
    permissionHandlers: Object.fromEntries(
      Object.entries(state.permissionHandlers).map(([kind, handler]) => [kind, handler !== undefined]),
    ),
    errorBoxes: state.errorBoxes,
    windows: BrowserWindow.getAllWindows().map((window) => ({
      options: window.options,
      url: window.webContents.url,
      shown: window.shown,
      minimized: window.minimized,
      focusCount: window.focusCount,
      restoreCount: window.restoreCount,
      devToolsOpened: window.webContents.devToolsOpened,
      listeners: window.webContents.eventNames().map(String).sort(),
      windowOpenHandler: window.webContents.windowOpenHandler !== undefined,
    })),
  }
}

function findAppRoot(from: string): string {
  for (let dir = dirname(resolve(from)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`stand-in: no package.json above ${from}`)
  }
}

onCommand({
  app,
  handlers,
  snapshot,
  makeEvent,
  windows: () => BrowserWindow.getAllWindows(),
  permissionHandlers: () => state.permissionHandlers,
})
