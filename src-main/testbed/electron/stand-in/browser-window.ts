import { EventEmitter } from 'node:events'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app } from './app.ts'
import { report } from './control.ts'
import { appRoot, makeEvent, openWindows, type Listener } from './recorded-state.ts'

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

/** The stand-in's BrowserWindow (electron.ts lists the Electron docs each behaviour follows). */
export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return openWindows.filter((window) => window instanceof BrowserWindow)
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
    openWindows.push(this)
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
