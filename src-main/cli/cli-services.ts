import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import type { CliIo } from './io.ts'
import { cliPassphraseSource } from './vault-passphrase.ts'

/** The services a CLI command works on: the data directory's secret store, its vault (if any) unlocked on first need. */
export async function cliServices(io: CliIo): Promise<AppServices> {
  return openAppServices({ env: io.env, ask: cliPassphraseSource(io) })
}
