import { createAppServices, type AppServices } from '../services/app-services.ts'
import { resolveDataDir } from '../shared/data-dir.ts'
import { chooseCredentialStore } from '../vault/choose-store.ts'
import type { CliIo } from './io.ts'
import { cliPassphraseSource } from './vault-passphrase.ts'

/** The services a CLI command works on: the data directory's secret store, its vault (if any) unlocked on first need. */
export async function cliServices(io: CliIo): Promise<AppServices> {
  const dataDir = resolveDataDir(io.env)
  return createAppServices({ dataDir, credentials: await chooseCredentialStore(dataDir, { ask: cliPassphraseSource(io) }) })
}
