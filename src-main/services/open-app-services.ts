import { resolveDataDir } from '../shared/data-dir.ts'
import { chooseCredentialStore, type StoreChoiceOptions } from '../vault/choose-store.ts'
import { createAppServices, type AppServices } from './app-services.ts'

export interface OpenAppServicesOptions extends StoreChoiceOptions {
  /** The data directory; else GATEHOUSE_DATA_DIR of `env` or the OS convention (resolveDataDir). */
  dataDir?: string
  env?: NodeJS.ProcessEnv
}

/**
 * The services of one data directory with its secret store chosen by the one rule
 * (vault/choose-store.ts): the Electron app, browser mode, the CLI and the test bed all open them
 * here, so no entry point picks a keychain of its own. Throws what createAppServices throws (a data
 * directory or audit trail that cannot be opened).
 */
export async function openAppServices(options: OpenAppServicesOptions = {}): Promise<AppServices> {
  const { dataDir = resolveDataDir(options.env), env: _env, ...choice } = options
  return createAppServices({ dataDir, credentials: await chooseCredentialStore(dataDir, choice) })
}
