import type { AppServices } from '../services/app-services.ts'
import { AppFailure } from './result.ts'
import { SafeStorageCredentialStore } from '../vault/safe-storage-store.ts'
import { VaultCredentialStore } from '../vault/vault-store.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { VaultStatus, vaultContract } from './vault.contract.ts'

/** Vault channels → the services' credential store (the unlock screen of the app and browser mode). */
export function vaultHandlers({ credentials }: AppServices): DomainHandlers<typeof vaultContract> {
  const status = (): VaultStatus => {
    if (!(credentials instanceof VaultCredentialStore)) {
      return { store: credentials instanceof SafeStorageCredentialStore ? 'safe-storage' : 'keychain', backend: credentials.backend, vault: 'unused' }
    }
    const problem = credentials.keychainProblem
    return { store: 'vault', backend: credentials.backend, vault: credentials.state(), path: credentials.path, ...(problem ? { keychainProblem: problem } : {}) }
  }
  const vault = (): VaultCredentialStore => {
    if (credentials instanceof VaultCredentialStore) return credentials
    throw new AppFailure('CONFLICT', `Secrets are kept in ${credentials.backend} here, not in a vault.`)
  }
  return {
    'vault.status': async () => status(),
    'vault.unlock': async ({ passphrase }) => (await vault().unlock(passphrase), status()),
    'vault.create': async ({ passphrase }) => (await vault().create(passphrase), status()),
  }
}
