import type { AppServices } from '../services/app-services.ts'
import { createVault, unlockVault, vaultStatus } from '../vault/vault.service.ts'
import type { DomainHandlers } from './dispatch.ts'
import type { vaultContract } from './vault.contract.ts'

/** Vault channels → the vault service on the app's credential store (the unlock screen of the app and browser mode). */
export function vaultHandlers({ credentials }: AppServices): DomainHandlers<typeof vaultContract> {
  return {
    'vault.status': async () => vaultStatus(credentials),
    'vault.unlock': ({ passphrase }) => unlockVault(credentials, passphrase),
    'vault.create': ({ passphrase }) => createVault(credentials, passphrase),
  }
}
