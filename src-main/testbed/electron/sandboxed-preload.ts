import { EventEmitter } from 'node:events'
import * as events from 'node:events'
import { readFileSync } from 'node:fs'
import * as timers from 'node:timers'
import * as url from 'node:url'
import { createContext, runInContext } from 'node:vm'

/**
 * A stand-in for Electron's sandboxed preload loader, for tests: runs a built preload file the way
 * a sandboxed renderer does, with a recording contextBridge and ipcRenderer. Modelled on
 * electron/electron lib/sandboxed_renderer/init.ts and lib/renderer/preload-executor.ts, and the
 * "Process Sandboxing" tutorial:
 * - the source is wrapped in `(function (require, process, exports, module, Buffer, global,
 *   setImmediate, clearImmediate) { … })` and run in the page's (isolated) world, not in Node;
 * - `require` knows only electron (also electron/common, electron/renderer), events, timers, url
 *   and their node: forms; anything else throws `module not found: <name>`;
 * - `process` is a fresh EventEmitter carrying a subset (arch, platform, env, version, versions,
 *   execPath, pid, type, sandboxed, contextIsolated), never Node's own process.
 * contextBridge.exposeInMainWorld refuses a key that is already on the window (as Electron does);
 * ipcRenderer.invoke structured-clones its arguments (docs: ipcRenderer.invoke) and answers with
 * the test's `answer`.
 */
export interface IpcCall {
  channel: string
  args: unknown[]
}

export interface LoadedPreload {
  /** What the preload put on the page's window, by key. */
  exposed: Map<string, unknown>
  /** Every ipcRenderer call the preload made (invoke, send, sendSync, postMessage, on). */
  ipc: IpcCall[]
  /** Modules the preload asked for, allowed or not. */
  required: string[]
}

const ALLOWED_NODE_MODULES = new Map<string, unknown>([
  ['events', events],
  ['node:events', events],
  ['timers', timers],
  ['node:timers', timers],
  ['url', url],
  ['node:url', url],
])

export function loadSandboxedPreload(file: string, answer: (call: IpcCall) => unknown): LoadedPreload {
  const loaded: LoadedPreload = { exposed: new Map(), ipc: [], required: [] }
  const page = pageGlobals()
  const record =
    (kind: string) =>
    (channel: string, ...args: unknown[]) => {
      const call = { channel, args: structuredClone(args) }
      loaded.ipc.push({ channel: `${kind}:${channel}`, args: call.args })
      return call
    }
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: async (channel: string, ...args: unknown[]) => answer(record('invoke')(channel, ...args)),
    send: record('send'),
    sendSync: record('sendSync'),
    postMessage: record('postMessage'),
    sendToHost: record('sendToHost'),
  })
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (key in page || loaded.exposed.has(key))
        throw new Error(`Cannot bind an API on top of an existing property on the window object`)
      loaded.exposed.set(key, api)
    },
  }
  const electron = { contextBridge, ipcRenderer }
  const preloadRequire = (name: string): unknown => {
    loaded.required.push(name)
    if (name === 'electron' || name === 'electron/common' || name === 'electron/renderer') return electron
    if (ALLOWED_NODE_MODULES.has(name)) return ALLOWED_NODE_MODULES.get(name)
    throw new Error(`module not found: ${name}`)
  }
  const context = createContext(page)
  const wrapper = runInContext(
    `(function (require, process, exports, module, Buffer, global, setImmediate, clearImmediate) {\n${readFileSync(file, 'utf8')}\n})`,
    context,
    { filename: file },
  ) as (...args: unknown[]) => void
  const exports = {}
  wrapper(
    preloadRequire,
    preloadProcess(),
    exports,
    { exports },
    Buffer,
    context,
    timers.setImmediate,
    timers.clearImmediate,
  )
  return loaded
}

/** A sandboxed preload's `process`: an EventEmitter with the subset Electron copies in. */
function preloadProcess(): EventEmitter {
  const { arch, platform, version, versions, execPath, pid } = process
  return Object.assign(new EventEmitter(), {
    arch,
    platform,
    env: { ...process.env },
    version,
    versions,
    execPath,
    pid,
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
  })
}

/** What a page's world offers a script (a small subset of the DOM's globals; no Node). */
function pageGlobals(): Record<string, unknown> {
  const page: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    URL,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
  }
  page.window = page
  page.self = page
  return page
}
