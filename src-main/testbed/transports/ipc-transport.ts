import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { OUT_DIR } from '../electron/built-app.ts'
import { startMainProcess } from '../electron/main-process.ts'
import { loadSandboxedPreload } from '../electron/sandboxed-preload.ts'
import type { ContractResult, ContractTransport } from './contract-transport.ts'

const PAGE = pathToFileURL(join(OUT_DIR, 'renderer', 'index.html')).href
const PRELOAD = join(OUT_DIR, 'preload', 'index.cjs')
/** A top frame of another origin: what the sender check must refuse. */
const STRANGER = { url: 'https://evil.example/', top: true }

interface Bridge {
  invoke: (channel: string, input: unknown) => Promise<ContractResult>
}

/**
 * The contract over Electron IPC, as the renderer reaches it: window.gatehouse.invoke of the built
 * preload (run as a sandboxed renderer runs it) → ipcRenderer.invoke → the handler the built main
 * process registered (out/main/index.js under the Electron stand-in), with our page as the sender
 * frame. Assumes `npm run build` ran and Node 24 (startMainProcess says so otherwise).
 */
export async function startIpcTransport(env: Record<string, string> & { GATEHOUSE_DATA_DIR: string }): Promise<ContractTransport> {
  const main = startMainProcess(env)
  await main.next('loaded')
  const bridgeFrom = (frame: { url: string; top: boolean }) => {
    const loaded = loadSandboxedPreload(PRELOAD, (call) =>
      main.send<ContractResult>({ command: 'invoke', channel: call.channel, input: call.args[0], frame }),
    )
    return loaded.exposed.get('gatehouse') as Bridge
  }
  const ours = bridgeFrom({ url: PAGE, top: true })
  const stranger = bridgeFrom(STRANGER)
  return {
    name: 'electron',
    dataDir: env.GATEHOUSE_DATA_DIR,
    invoke: (channel, input) => ours.invoke(channel, input),
    invokeAsStranger: (channel, input) => stranger.invoke(channel, input),
    output: main.output,
    stop: main.stop,
  }
}
