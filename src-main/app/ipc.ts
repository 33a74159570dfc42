import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../api/contract.ts'
import { dispatch, type DispatchLog, type Handlers } from '../api/dispatch.ts'

/**
 * The only caller of ipcMain.handle: each contract channel is registered once, and every call
 * must come from our own renderer's top frame before its input reaches the schema and the service.
 */
export function registerContract(
  handlers: Handlers,
  isAppPage: (url: string) => boolean,
  log: DispatchLog,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const reason = untrustedSender(event, isAppPage)
      if (reason) {
        log.warn(`refused ${channel}: ${reason}`)
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Refused: untrusted sender.' } }
      }
      return dispatch(handlers, channel, input, log)
    })
  }
}

function untrustedSender(event: IpcMainInvokeEvent, isAppPage: (url: string) => boolean): string | undefined {
  const frame = event.senderFrame
  if (!frame) return 'no sender frame'
  if (frame.parent !== null) return 'not the top frame'
  if (!isAppPage(frame.url)) return `not our page: ${frame.url.slice(0, 200)}`
  return undefined
}
