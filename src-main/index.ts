import { app, BrowserWindow, dialog, safeStorage, session } from 'electron'
import { join } from 'node:path'
import { createHandlers } from './api/handlers.ts'
import { appPage } from './app/app-page.ts'
import { denyPermissions, guardWebContents } from './app/guards.ts'
import { registerContract } from './app/ipc.ts'
import { mainWindowOptions } from './app/window-options.ts'
import { openAppServices } from './services/open-app-services.ts'

// Electron shell: one window and the contract over IPC. Everything else lives behind the contract.
// The dev server (electron-vite dev) is honoured only in an unpackaged app: a packaged build
// always loads its own file, whatever the environment says.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const page = appPage(join(import.meta.dirname, '../renderer/index.html'), devServerUrl)
const log = {
  warn: (message: string) => console.warn(`[shell] ${message}`),
  error: (message: string) => console.error(`[shell] ${message}`),
}

app.enableSandbox()

// One instance per user: a second launch focuses the first window (one SQLite writer, one window).
if (!app.requestSingleInstanceLock()) app.quit()
else start()

function start(): void {
  let window: BrowserWindow | undefined
  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('web-contents-created', (_, contents) => guardWebContents(contents, page.isAppPage, log))
  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(async () => {
    try {
      window = await openWindow()
    } catch (error) {
      // A data directory or audit trail that cannot open: say so and stop, never a blank window.
      const message = error instanceof Error ? error.message : String(error)
      log.error(`could not start: ${error instanceof Error ? (error.stack ?? message) : message}`)
      dialog.showErrorBox('Gatehouse could not start', message)
      app.exit(1)
    }
  })
}

async function openWindow(): Promise<BrowserWindow> {
  denyPermissions(session.defaultSession)
  const dataDir = process.env.GATEHOUSE_DATA_DIR || app.getPath('userData')
  const services = await openAppServices({ dataDir, safeStorage })
  const handlers = createHandlers(services, { transport: 'electron', version: app.getVersion() })
  registerContract(handlers, page.isAppPage, log)
  const preload = join(import.meta.dirname, '../preload/index.cjs')
  const window = new BrowserWindow(mainWindowOptions(preload, { devTools: !app.isPackaged }))
  window.once('ready-to-show', () => window.show())
  await window.loadURL(page.url)
  return window
}
