import type { EventEmitter } from 'node:events'

/**
 * The stand-in's control channel (child side): the test sends commands over Node's IPC channel
 * (advanced serialization = structured clone, as Electron's IPC) and the stand-in fires the
 * Electron event or calls the handler the app registered, answering with what the app did.
 * Every command is one a real Electron would perform on the app's behalf; none reaches into
 * the app's own code.
 */
export type Command =
  | { command: 'snapshot' }
  | { command: 'invoke'; channel: string; input: unknown; frame: { url: string; top: boolean } }
  | {
      command: 'navigate'
      event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate'
      url: string
      isMainFrame: boolean
    }
  | { command: 'open-window'; url: string }
  | { command: 'attach-webview'; src: string }
  | { command: 'permission'; kind: 'request' | 'check' | 'device'; permission: string }
  | { command: 'second-instance'; minimizeFirst: boolean }

type Listener = (...args: unknown[]) => unknown
interface Window extends EventEmitter {
  webContents: EventEmitter & { url: string; windowOpenHandler: Listener | undefined }
  minimize: () => void
}
export interface StandInContext {
  app: EventEmitter
  handlers: Map<string, Listener>
  snapshot: () => unknown
  makeEvent: (extra?: Record<string, unknown>) => { defaultPrevented: boolean }
  windows: () => Window[]
  permissionHandlers: () => { request?: Listener; check?: Listener; device?: Listener }
}

export function report(message: Record<string, unknown>): void {
  process.send?.(message)
}

export function onCommand(context: StandInContext): void {
  if (!process.send) return // run without a test: nothing to control
  process.on('disconnect', () => process.exit(0))
  process.on('message', (message: { id: number } & Command) => {
    void run(context, message).then(
      (reply) => report({ type: 'reply', id: message.id, reply }),
      (error: unknown) =>
        report({
          type: 'reply',
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        }),
    )
  })
}

async function run(context: StandInContext, message: Command): Promise<unknown> {
  const window = context.windows()[0]
  const contents = window?.webContents
  switch (message.command) {
    case 'snapshot':
      return context.snapshot()
    case 'invoke': {
      const handler = context.handlers.get(message.channel)
      if (!handler) throw new Error(`No handler registered for '${message.channel}'`)
      const top = { url: contents?.url ?? '', parent: null }
      const senderFrame = message.frame.top
        ? { ...top, url: message.frame.url }
        : { url: message.frame.url, parent: top }
      return handler(
        { sender: contents, senderFrame, processId: 1, frameId: message.frame.top ? 1 : 2 },
        structuredClone(message.input),
      )
    }
    case 'navigate': {
      if (!contents) throw new Error('no window')
      const event = context.makeEvent({ url: message.url, isMainFrame: message.isMainFrame })
      if (message.event === 'will-frame-navigate') contents.emit(message.event, event)
      else contents.emit(message.event, event, message.url, false, message.isMainFrame, 1, 1)
      return { prevented: event.defaultPrevented }
    }
    case 'open-window': {
      const handler = contents?.windowOpenHandler
      if (!handler) return { action: 'allow' }
      return handler({
        url: message.url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: '', policy: 'default' },
      })
    }
    case 'attach-webview': {
      if (!contents) throw new Error('no window')
      const event = context.makeEvent()
      contents.emit('will-attach-webview', event, { nodeIntegration: false }, { src: message.src })
      return { prevented: event.defaultPrevented }
    }
    case 'permission':
      return askPermission(context, contents, message.kind, message.permission)
    case 'second-instance':
      if (message.minimizeFirst) window?.minimize()
      context.app.emit('second-instance', context.makeEvent(), ['gatehouse'], process.cwd(), {})
      return context.snapshot()
  }
}

/** Electron grants what no handler refuses: a missing handler answers true. */
async function askPermission(
  context: StandInContext,
  contents: unknown,
  kind: 'request' | 'check' | 'device',
  permission: string,
): Promise<unknown> {
  const handler = context.permissionHandlers()[kind]
  if (!handler) return true
  const origin = (contents as { url?: string } | undefined)?.url ?? ''
  if (kind === 'check')
    return handler(contents, permission, origin, {
      requestingUrl: origin,
      isMainFrame: true,
      embeddingOrigin: origin,
    })
  if (kind === 'device') return handler({ deviceType: permission, origin, device: {} })
  return new Promise((resolveGrant) =>
    handler(contents, permission, resolveGrant, { requestingUrl: origin, isMainFrame: true }),
  )
}
