import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { CredentialStore } from './credential-store.ts'
import { keychainProblem } from './keychain-probe.ts'
import { KeytarCredentialStore } from './keytar-store.ts'
import { SafeStorageCredentialStore, type SafeStorageApi } from './safe-storage-store.ts'
import { VAULT_FILE } from './vault-file.ts'
import { VaultCredentialStore, type PassphraseSource } from './vault-store.ts'

export interface StoreChoiceOptions {
  /** Electron's safeStorage, inside the app. */
  safeStorage?: SafeStorageApi
  /** How a locked vault asks for its passphrase (the CLI); the app and browser mode use the unlock screen instead. */
  ask?: PassphraseSource
}

/**
 * Where this data directory's secrets live, one rule for the app, browser mode and the CLI:
 * 1. a vault file exists (`secrets.vault`: created by choice or by `gatehouse vault migrate`): the vault;
 * 2. the OS keychain (keytar) when it answers: the default;
 * 3. inside Electron, safeStorage when it has a real OS key (never Linux's hard-coded 'basic_text');
 * 4. else the passphrase vault, carrying the reason the keychain failed and what to install.
 * Never plain text.
 */
export async function chooseCredentialStore(dataDir: string, { safeStorage, ask }: StoreChoiceOptions = {}): Promise<CredentialStore> {
  if (existsSync(join(dataDir, VAULT_FILE))) return new VaultCredentialStore(dataDir, { ask })
  const problem = await keychainProblem()
  if (!problem) return new KeytarCredentialStore()
  if (safeStorage?.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text') {
    return new SafeStorageCredentialStore(safeStorage, dataDir)
  }
  return new VaultCredentialStore(dataDir, { ask, keychainProblem: problem })
}

/** One line for people: which store holds the secrets, and why the keychain is not used when it is not. */
export function describeStore(store: CredentialStore): string {
  if (!(store instanceof VaultCredentialStore)) return `Secrets: ${store.backend}.`
  const why = store.keychainProblem ? ` The OS keychain is not used: ${store.keychainProblem}` : ''
  return `Secrets: ${store.backend}, ${store.path} (${store.state()}).${why}`
}
