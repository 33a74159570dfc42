import type { CredentialStore } from './credential-store.ts'
import { KeytarCredentialStore } from './keytar-store.ts'
import { SafeStorageCredentialStore, type SafeStorageApi } from './safe-storage-store.ts'

/**
 * keytar when its native module loads (always under Node; in Electron too, being N-API), else
 * Electron's safeStorage when given. If neither works every call fails with KEYCHAIN_UNAVAILABLE
 * (from the keytar store), never a plain-text fallback.
 */
export async function chooseCredentialStore(dataDir: string, safeStorage?: SafeStorageApi): Promise<CredentialStore> {
  try {
    await import('keytar')
    return new KeytarCredentialStore()
  } catch {
    return safeStorage ? new SafeStorageCredentialStore(safeStorage, dataDir) : new KeytarCredentialStore()
  }
}
