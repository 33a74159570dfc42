import { join } from 'node:path'
import { AppFailure } from '../api/result.ts'
import { sessionTokenAccount, splitAccounts, type CredentialStore, type StoredIds } from './credential-store.ts'
import { DEFAULT_KDF, VAULT_FILE, decryptEntries, deriveVaultKey, encryptEntries, keyForFile, readVaultFile, writeVaultFile, type KdfParams, type VaultKey } from './vault-file.ts'

export type VaultState = 'absent' | 'locked' | 'unlocked'

/** Asks the person (or a passphrase file) for the passphrase: to unlock the file, or to create it. */
export type PassphraseSource = (purpose: 'unlock' | 'create') => Promise<string>

export interface VaultOptions {
  /** Asked when a secret is needed while locked (the CLI); without it a locked vault is VAULT_LOCKED (the app shows its unlock screen). */
  ask?: PassphraseSource
  /** Argon2id cost for a new file (tests lower it); an existing file's own header decides for it. */
  kdf?: KdfParams
  /** Why the OS keychain is not used here, with what to install (shown by the app and the CLI). */
  keychainProblem?: string
}

export const MIN_PASSPHRASE_LENGTH = 8

/**
 * Secrets and session tokens in one passphrase-encrypted file, `<dataDir>/secrets.vault` (0600):
 * AES-256-GCM under a key from Argon2id. The passphrase is never stored; the derived key lives in
 * this process's memory from unlock to exit. Account names are in the (authenticated) header, so
 * lists and removals of connections without secrets work while locked.
 */
export class VaultCredentialStore implements CredentialStore {
  readonly backend = 'encrypted vault (passphrase)'
  readonly path: string
  readonly keychainProblem: string | undefined
  #key: VaultKey | undefined
  #unlocking: Promise<void> | undefined

  constructor(
    dataDir: string,
    private readonly options: VaultOptions = {},
  ) {
    this.path = join(dataDir, VAULT_FILE)
    this.keychainProblem = options.keychainProblem
  }

  state(): VaultState {
    if (this.#key) return 'unlocked'
    return readVaultFile(this.path) ? 'locked' : 'absent'
  }

  /** Unlocks with the passphrase. Wrong: VAULT_LOCKED, and the file is left exactly as it was. */
  async unlock(passphrase: string): Promise<void> {
    const file = readVaultFile(this.path)
    if (!file) throw new AppFailure('NOT_FOUND', `There is no secrets vault at ${this.path} yet; create one first.`)
    const key = await keyForFile(this.path, file, passphrase)
    decryptEntries(this.path, file, key)
    this.#key = key
  }

  /** Creates an empty vault under a new passphrase; refuses to replace an existing one. */
  async create(passphrase: string): Promise<void> {
    checkNewPassphrase(passphrase)
    if (readVaultFile(this.path)) throw new AppFailure('CONFLICT', `A secrets vault already exists at ${this.path}; unlock it instead.`)
    const key = await deriveVaultKey(passphrase, this.options.kdf ?? DEFAULT_KDF)
    writeVaultFile(this.path, encryptEntries({}, key))
    this.#key = key
  }

  /** Re-encrypts everything under a new passphrase (new salt) in one atomic replace of the file. */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkNewPassphrase(next)
    const file = readVaultFile(this.path)
    if (!file) throw new AppFailure('NOT_FOUND', `There is no secrets vault at ${this.path}.`)
    const entries = decryptEntries(this.path, file, await keyForFile(this.path, file, current))
    const key = await deriveVaultKey(next, this.options.kdf ?? DEFAULT_KDF)
    writeVaultFile(this.path, encryptEntries(entries, key))
    this.#key = key
  }

  async setSecret(connectionId: string, secret: string): Promise<void> {
    await this.#set(connectionId, secret)
  }

  async getSecret(connectionId: string): Promise<string | null> {
    return this.#get(connectionId)
  }

  async deleteSecret(connectionId: string): Promise<boolean> {
    return this.#delete(connectionId)
  }

  async setSessionToken(connectionId: string, token: string): Promise<void> {
    await this.#set(sessionTokenAccount(connectionId), token)
  }

  async getSessionToken(connectionId: string): Promise<string | null> {
    return this.#get(sessionTokenAccount(connectionId))
  }

  async deleteSessionToken(connectionId: string): Promise<boolean> {
    return this.#delete(sessionTokenAccount(connectionId))
  }

  async storedIds(): Promise<StoredIds> {
    return splitAccounts(readVaultFile(this.path)?.accounts ?? [])
  }

  async #get(account: string): Promise<string | null> {
    if (!readVaultFile(this.path)?.accounts.includes(account)) return null
    return (await this.#entries())[account] ?? null
  }

  async #set(account: string, secret: string): Promise<void> {
    const entries = await this.#entries()
    entries[account] = secret
    writeVaultFile(this.path, encryptEntries(entries, this.#key!))
  }

  async #delete(account: string): Promise<boolean> {
    if (!readVaultFile(this.path)?.accounts.includes(account)) return false
    const entries = await this.#entries()
    if (!(account in entries)) return false
    delete entries[account]
    writeVaultFile(this.path, encryptEntries(entries, this.#key!))
    return true
  }

  /** The current entries, re-read from the file (another process may have written it), unlocking first if needed. */
  async #entries(): Promise<Record<string, string>> {
    if (!this.#key) {
      this.#unlocking ??= this.#askAndUnlock().finally(() => (this.#unlocking = undefined))
      await this.#unlocking
    }
    const file = readVaultFile(this.path)
    if (!file) return {}
    try {
      return decryptEntries(this.path, file, this.#key!)
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'VAULT_LOCKED') this.#key = undefined
      throw error
    }
  }

  async #askAndUnlock(): Promise<void> {
    const absent = this.state() === 'absent'
    if (!this.options.ask) {
      throw new AppFailure(
        'VAULT_LOCKED',
        absent
          ? `Secrets are kept in an encrypted vault here, and none exists yet: create it with a passphrase first (${this.path}).`
          : `The secrets vault ${this.path} is locked: unlock it with its passphrase first.`,
      )
    }
    const passphrase = await this.options.ask(absent ? 'create' : 'unlock')
    if (absent) await this.create(passphrase)
    else await this.unlock(passphrase)
  }
}

function checkNewPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new AppFailure('INVALID_INPUT', `A vault passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters; nothing was changed.`)
  }
}
