import type { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * What the Electron stand-in records of the app's calls, shared by its pieces (app.ts,
 * browser-window.ts, electron.ts), and the snapshot of it a test asks for (control.ts).
 */

export type Listener = (...args: unknown[]) => unknown
export interface NavigationEvent {
  url: string
  isMainFrame: boolean
  defaultPrevented: boolean
  preventDefault: () => void
}

/** What the snapshot reads of a window (BrowserWindow in browser-window.ts). */
export interface WindowRecord extends EventEmitter {
  readonly options: Record<string, unknown>
  readonly webContents: EventEmitter & { url: string; devToolsOpened: boolean; windowOpenHandler: Listener | undefined }
  shown: boolean
  minimized: boolean
  focusCount: number
  restoreCount: number
}

export const appRoot = findAppRoot(process.argv[1] ?? process.cwd())
export const appPackage = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as {
  name: string
  version: string
  productName?: string
}
export const isPackaged = process.env.GATEHOUSE_STANDIN_PACKAGED === '1'

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
/** ipcMain.handle's handlers, by channel. */
export const handlers = new Map<string, Listener>()
/** Every BrowserWindow constructed, in order. */
export const openWindows: WindowRecord[] = []

export function makeEvent(extra: Record<string, unknown> = {}): NavigationEvent {
  const event = { url: '', isMainFrame: true, defaultPrevented: false, ...extra } as NavigationEvent
  event.preventDefault = () => {
    event.defaultPrevented = true
  }
  return event
}

export function snapshot() {
  return {
    isPackaged,
    sandboxEnabled: state.sandboxEnabled,
    singleInstanceLockRequests: state.singleInstanceLockRequests,
    quit: state.quit,
    handleCalls: state.handleCalls,
    permissionHandlers: Object.fromEntries(
      Object.entries(state.permissionHandlers).map(([kind, handler]) => [kind, handler !== undefined]),
    ),
    errorBoxes: state.errorBoxes,
    windows: openWindows.map((window) => ({
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
