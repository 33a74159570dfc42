import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../api/contract.ts'
import { OUT_DIR, builtScripts } from '../testbed/electron/built-app.ts'
import { loadSandboxedPreload, type IpcCall } from '../testbed/electron/sandboxed-preload.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

// The built preload, run as Electron's sandboxed renderer runs it (see sandboxed-preload.ts).
const PRELOAD = join(OUT_DIR, 'preload', 'index.cjs')
const tempDir = useTempDirs()

interface Bridge {
  invoke: (channel: string, input?: unknown) => Promise<unknown>
}

function load() {
  builtScripts('preload') // a clear message when out/ is missing
  const answers: IpcCall[] = []
  const loaded = loadSandboxedPreload(PRELOAD, (call) => {
    answers.push(call)
    return { ok: true, value: { answeredFor: call.channel } }
  })
  return { ...loaded, answers, bridge: loaded.exposed.get('gatehouse') as Bridge }
}

describe('built preload in a sandboxed renderer', () => {
  it('loads with nothing but electron and exposes exactly window.gatehouse = frozen { invoke }', () => {
    const { required, exposed, bridge, ipc } = load()
    expect(required).toEqual(['electron'])
    expect([...exposed.keys()]).toEqual(['gatehouse'])
    expect(Object.keys(bridge)).toEqual(['invoke'])
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(typeof bridge.invoke).toBe('function')
    expect(ipc).toEqual([])
  })

  it('forwards every contract channel to ipcRenderer.invoke with its input, and returns main’s answer', async () => {
    const { bridge, ipc } = load()
    for (const channel of CHANNELS) {
      await expect(bridge.invoke(channel, { probe: channel })).resolves.toEqual({
        ok: true,
        value: { answeredFor: channel },
      })
    }
    expect(ipc).toEqual(
      CHANNELS.map((channel) => ({ channel: `invoke:${channel}`, args: [{ probe: channel }] })),
    )
  })

  it('refuses any other channel without sending anything', async () => {
    const { bridge, ipc } = load()
    for (const channel of [
      'shell.openExternal',
      '',
      'app.info ',
      'APP.INFO',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      await expect(bridge.invoke(channel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(ipc).toEqual([])
  })

  it('the loader refuses what Electron refuses: a preload that requires another module throws', () => {
    const file = join(tempDir('gatehouse-preload-'), 'bad.cjs')
    writeFileSync(file, 'require("events"); require("node:url"); require("zod")')
    expect(() => loadSandboxedPreload(file, () => undefined)).toThrow('module not found: zod')
  })
})
