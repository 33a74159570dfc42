import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES } from './api/channels.ts'

// The whole bridge: one frozen `invoke`, limited to the contract's channels. No ipcRenderer, no Node.
// A sandboxed preload may require only `electron` (and a few Node built-ins), so it imports the
// plain channel list, never the zod contract; src-main/app/preload-bundle.test.ts enforces this.
const allowed = new Set<string>(CHANNEL_NAMES)

contextBridge.exposeInMainWorld(
  'gatehouse',
  Object.freeze({
    invoke: (channel: string, input: unknown): Promise<unknown> => {
      if (!allowed.has(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel ${String(channel).slice(0, 80)}.` } })
      }
      return ipcRenderer.invoke(channel, input)
    },
  }),
)
