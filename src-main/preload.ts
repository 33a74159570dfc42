import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS } from './api/contract.ts'

// The whole bridge: one frozen `invoke`, limited to the contract's channels. No ipcRenderer, no Node.
const allowed = new Set<string>(CHANNELS)

contextBridge.exposeInMainWorld(
  'gatehouse',
  Object.freeze({
    invoke: (channel: string, input: unknown): Promise<unknown> => {
      if (!allowed.has(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown channel ${channel}.` } })
      }
      return ipcRenderer.invoke(channel, input)
    },
  }),
)
