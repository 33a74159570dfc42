import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../api/result.ts'
import { sessionTokenAccount, splitAccounts, type CredentialStore, type StoredIds } from './credential-store.ts'
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
    this.#store(connectionId, secret, 'store the secret')
  }

  async getSecret(connectionId: string): Promise<string | null> {
    return this.#load(connectionId, 'read the secret')
  }

  async deleteSecret(connectionId: string): Promise<boolean> {
    return this.#delete(connectionId)
  }

  /** The ids in the file, without decrypting anything. */
  async storedIds(): Promise<StoredIds> {
    return splitAccounts(Object.keys(this.#read()))
  }

  async setSessionToken(connectionId: string, token: string): Promise<void> {
    this.#store(sessionTokenAccount(connectionId), token, 'store the session token')
  }

  async getSessionToken(connectionId: string): Promise<string | null> {
    return this.#load(sessionTokenAccount(connectionId), 'read the session token')
  }

  async deleteSessionToken(connectionId: string): Promise<boolean> {
    return this.#delete(sessionTokenAccount(connectionId))
  }

  #store(account: string, secret: string, what: string): void {
    this.#assertAvailable(what)
    const entries = this.#read()
    entries[account] = this.safeStorage.encryptString(secret).toString('base64')
    this.#write(entries)
  }

  #load(account: string, what: string): string | null {
    this.#assertAvailable(what)
    const encrypted = this.#read()[account]
    if (encrypted === undefined) return null
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'))
    } catch (error) {
      throw keychainUnavailable(`decrypt the ${what.replace(/^read the /, '')}`, error)
    }
  }

  #delete(account: string): boolean {
    const entries = this.#read()
    if (!(account in entries)) return false
    delete entries[account]
    this.#write(entries)
    return true
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
