import { app } from './app.ts'
import { BrowserWindow } from './browser-window.ts'
import { onCommand } from './control.ts'
import { handlers, makeEvent, snapshot, state, type Listener } from './recorded-state.ts'

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

export { app } from './app.ts'
export { BrowserWindow } from './browser-window.ts'
export { snapshot, state } from './recorded-state.ts'

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

onCommand({
  app,
  handlers,
  snapshot,
  makeEvent,
  windows: () => BrowserWindow.getAllWindows(),
  permissionHandlers: () => state.permissionHandlers,
})
