import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../api/contract.ts'
import { dispatch, type DispatchLog, type Handlers } from '../api/dispatch.ts'
import { isTrustedRendererUrl } from './window-options.ts'

/**
 * The only caller of ipcMain.handle: each contract channel is registered once, and every call
 * must come from our own renderer's top frame before its input reaches the schema and the service.
 */
export function registerContract(handlers: Handlers, devServerUrl: string | undefined, log: DispatchLog): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const reason = untrustedSender(event, devServerUrl)
      if (reason) {
        log.warn(`refused ${channel}: ${reason}`)
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Refused: untrusted sender.' } }
      }
      return dispatch(handlers, channel, input, log)
    })
  }
}

function untrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): string | undefined {
  const frame = event.senderFrame
  if (!frame) return 'no sender frame'
  if (frame.parent !== null) return 'not the top frame'
  if (!isTrustedRendererUrl(frame.url, devServerUrl)) return `unexpected origin ${frame.url}`
  return undefined
}
