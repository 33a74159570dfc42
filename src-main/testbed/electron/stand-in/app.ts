import { EventEmitter } from 'node:events'
import { report } from './control.ts'
import { appPackage, appRoot, isPackaged, makeEvent, snapshot, state } from './recorded-state.ts'

/** The stand-in's `app` (electron.ts lists the Electron docs each behaviour follows). */
class AppStandIn extends EventEmitter {
  readonly isPackaged = isPackaged
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
