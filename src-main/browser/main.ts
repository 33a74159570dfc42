import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHandlers } from '../api/handlers.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { describeStore } from '../vault/choose-store.ts'
import { unlockFromPassphraseFile } from '../vault/passphrase-file.ts'
import { startBrowserMode } from './server.ts'

/**
 * Browser mode entry: serves the built UI and the contract on 127.0.0.1 and prints the URL with its
 * token. For admins on a headless jump host: `ssh -L 5757:127.0.0.1:5757 host`, then open the URL.
 */
async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  const services = await openAppServices()
  const { credentials } = services
  await unlockFromPassphraseFile(credentials)
  const version = process.env.npm_package_version ?? '0.1.0'
  const port = Number(process.env.GATEHOUSE_PORT ?? 0)
  const server = await startBrowserMode({
    handlers: createHandlers(services, { transport: 'browser', version }),
    staticDir: join(root, 'out', 'renderer'),
    port,
  })
  process.stdout.write(
    `Gatehouse is running in browser mode (no Electron binary on this machine).\n` +
      `Data directory: ${services.dataDir}\n` +
      `${describeStore(credentials)}\n` +
      `Open: ${server.openUrl}\n` +
      `Only this machine can connect (127.0.0.1). Over SSH: ssh -L <port>:127.0.0.1:<port> <host>.\n` +
      `Press Ctrl+C to stop.\n`,
  )
  const stop = () => void server.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main().catch((error: unknown) => {
  console.error(`Gatehouse browser mode could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
