import { AppFailure } from '../api/result.ts'
import type { CredentialStore } from './credential-store.ts'
import { SafeStorageCredentialStore } from './safe-storage-store.ts'
import { VaultCredentialStore, type VaultState } from './vault-store.ts'

/** Which store holds this data directory's secrets and, for the passphrase vault, its state. */
export interface VaultStatus {
  store: 'keychain' | 'safe-storage' | 'vault'
  backend: string
  /** The vault's state; 'unused' when another store holds the secrets. */
  vault: 'unused' | VaultState
  path?: string
  /** Why the OS keychain is not used, with what to install. */
  keychainProblem?: string
}

/** `vault.status`: the store in use; never a secret or the passphrase. */
export function vaultStatus(credentials: CredentialStore): VaultStatus {
  if (!(credentials instanceof VaultCredentialStore)) {
    return { store: credentials instanceof SafeStorageCredentialStore ? 'safe-storage' : 'keychain', backend: credentials.backend, vault: 'unused' }
  }
  const problem = credentials.keychainProblem
  return { store: 'vault', backend: credentials.backend, vault: credentials.state(), path: credentials.path, ...(problem ? { keychainProblem: problem } : {}) }
}

/** `vault.unlock`: unlocks for this run; VAULT_LOCKED for a wrong passphrase, CONFLICT where no vault is used. */
export async function unlockVault(credentials: CredentialStore, passphrase: string): Promise<VaultStatus> {
  await vaultOf(credentials).unlock(passphrase)
  return vaultStatus(credentials)
}

/** `vault.create`: creates the vault where there is none; CONFLICT where no vault is used. */
export async function createVault(credentials: CredentialStore, passphrase: string): Promise<VaultStatus> {
  await vaultOf(credentials).create(passphrase)
  return vaultStatus(credentials)
}

function vaultOf(credentials: CredentialStore): VaultCredentialStore {
  if (credentials instanceof VaultCredentialStore) return credentials
  throw new AppFailure('CONFLICT', `Secrets are kept in ${credentials.backend} here, not in a vault.`)
}
