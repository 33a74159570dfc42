import { app, BrowserWindow, safeStorage, session } from 'electron'
import { join } from 'node:path'
import { createHandlers } from './api/handlers.ts'
import { registerContract } from './app/ipc.ts'
import { mainWindowOptions, isTrustedRendererUrl } from './app/window-options.ts'
import { createAppServices } from './services/app-services.ts'
import { chooseCredentialStore } from './vault/choose-store.ts'

// Electron shell: a window and the contract over IPC. Everything else lives behind the contract.
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const log = { warn: (message: string) => console.warn(`[ipc] ${message}`), error: (message: string) => console.error(`[ipc] ${message}`) }

app.enableSandbox()

app.on('web-contents-created', (_, contents) => {
  // No new windows, no navigation away from our document, no webviews.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_, __, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  const dataDir = process.env.GATEHOUSE_DATA_DIR || app.getPath('userData')
  const services = createAppServices({ dataDir, credentials: await chooseCredentialStore(dataDir, safeStorage) })
  registerContract(createHandlers(services, { transport: 'electron', version: app.getVersion() }), devServerUrl, log)
  const window = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')))
  window.once('ready-to-show', () => window.show())
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
})

app.on('window-all-closed', () => app.quit())
