import { AppFailure } from '../api/result.ts'
import { KEYCHAIN_SERVICE, sessionTokenAccount, splitAccounts, type CredentialStore, type StoredIds } from './credential-store.ts'

interface KeytarApi {
  setPassword(service: string, account: string, password: string): Promise<void>
  getPassword(service: string, account: string): Promise<string | null>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

// A locked keyring may pop up a prompt nobody answers (a headless jump host): give up instead of hanging.
const KEYCHAIN_TIMEOUT_MS = 15_000

/** CredentialStore on keytar: service `gatehouse`, account = connection id (`<id>#session-token` for a session token). */
export class KeytarCredentialStore implements CredentialStore {
  readonly backend = 'keytar (OS keychain)'
  #keytar: Promise<KeytarApi> | undefined

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async setSecret(connectionId: string, secret: string): Promise<void> {
    await this.#call('store the secret', (keytar) => keytar.setPassword(this.service, connectionId, secret))
  }

  async getSecret(connectionId: string): Promise<string | null> {
    return this.#call('read the secret', (keytar) => keytar.getPassword(this.service, connectionId))
  }

  async deleteSecret(connectionId: string): Promise<boolean> {
    return this.#call('delete the secret', (keytar) => keytar.deletePassword(this.service, connectionId))
  }

  async setSessionToken(connectionId: string, token: string): Promise<void> {
    await this.#call('store the session token', (keytar) => keytar.setPassword(this.service, sessionTokenAccount(connectionId), token))
  }

  async getSessionToken(connectionId: string): Promise<string | null> {
    return this.#call('read the session token', (keytar) => keytar.getPassword(this.service, sessionTokenAccount(connectionId)))
  }

  async deleteSessionToken(connectionId: string): Promise<boolean> {
    return this.#call('delete the session token', (keytar) => keytar.deletePassword(this.service, sessionTokenAccount(connectionId)))
  }

  async storedIds(): Promise<StoredIds> {
    // keytar has no "accounts only" call; the passwords it returns are dropped here, unused.
    const found = await this.#call('list the stored secrets', (keytar) => keytar.findCredentials(this.service))
    return splitAccounts(found.map((credential) => credential.account))
  }

  async #call<T>(what: string, body: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    try {
      const keytar = await this.#load()
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s (locked keyring?)`)), KEYCHAIN_TIMEOUT_MS)
      })
      return await Promise.race([body(keytar), timeout])
    } catch (error) {
      throw keychainUnavailable(what, error)
    } finally {
      clearTimeout(timer)
    }
  }

  #load(): Promise<KeytarApi> {
    // Loaded lazily: a missing native module or Secret Service must become an error value, not a crash at start-up.
    this.#keytar ??= import('keytar').then((module) => (module.default ?? module) as KeytarApi)
    this.#keytar.catch(() => (this.#keytar = undefined))
    return this.#keytar
  }
}

/** The one message for an unreachable keychain. The cause names the library's reason, never a secret. */
export function keychainUnavailable(what: string, cause: unknown): AppFailure {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new AppFailure(
    'KEYCHAIN_UNAVAILABLE',
    `Could not ${what} in the OS keychain: ${reason}. Gatehouse never falls back to plain text: ` +
      'unlock the keychain (on Linux: a running, unlocked Secret Service such as gnome-keyring) and try again, ' +
      'or keep the secrets in the encrypted vault instead (`gatehouse vault migrate --to vault`).',
  )
}
