import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../shared/result.ts'
import type { CredentialStore } from './credential-store.ts'
import { keychainUnavailable } from './keytar-store.ts'

/** The slice of Electron's `safeStorage` this store needs (injected: the vault never imports Electron). */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?: () => string
}

const FILE_NAME = 'secrets.safe-storage.json'

/**
 * The fallback where keytar cannot load inside Electron: secrets encrypted by Electron's safeStorage
 * (a key held by the OS keychain / DPAPI / libsecret) in `<dataDir>/secrets.safe-storage.json`.
 * Only ciphertext touches the disk. Refuses to work when safeStorage would fall back to a
 * hard-coded key (Linux 'basic_text'), because that is plain text with extra steps.
 */
export class SafeStorageCredentialStore implements CredentialStore {
  readonly backend = 'Electron safeStorage (OS-protected key)'

  constructor(
    private readonly safeStorage: SafeStorageApi,
    private readonly dataDir: string,
  ) {}

  async setSecret(connectionId: string, secret: string): Promise<void> {
    this.#assertAvailable('store the secret')
    const entries = this.#read()
    entries[connectionId] = this.safeStorage.encryptString(secret).toString('base64')
    this.#write(entries)
  }

  async getSecret(connectionId: string): Promise<string | null> {
    this.#assertAvailable('read the secret')
    const encrypted = this.#read()[connectionId]
    if (encrypted === undefined) return null
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'))
    } catch (error) {
      throw keychainUnavailable('decrypt the secret', error)
    }
  }

  async deleteSecret(connectionId: string): Promise<boolean> {
    const entries = this.#read()
    if (!(connectionId in entries)) return false
    delete entries[connectionId]
    this.#write(entries)
    return true
  }

  /** The ids in the file, without decrypting anything. */
  async idsWithSecrets(): Promise<Set<string>> {
    return new Set(Object.keys(this.#read()))
  }

  #assertAvailable(what: string): void {
    const backend = this.safeStorage.getSelectedStorageBackend?.()
    if (!this.safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
      throw keychainUnavailable(what, new Error(backend === 'basic_text' ? 'safeStorage has no OS keyring here (basic_text)' : 'safeStorage encryption is not available'))
    }
  }

  #read(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(join(this.dataDir, FILE_NAME), 'utf8')) as Record<string, string>
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw new AppFailure('KEYCHAIN_UNAVAILABLE', `Could not read ${join(this.dataDir, FILE_NAME)}: ${(error as Error).message}.`)
    }
  }

  #write(entries: Record<string, string>): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 })
    const path = join(this.dataDir, FILE_NAME)
    writeFileSync(`${path}.tmp`, JSON.stringify(entries), { mode: 0o600 })
    renameSync(`${path}.tmp`, path)
  }
}
