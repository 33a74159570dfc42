/**
 * Where connection secrets live. Implementations keep them in the OS keychain (or Electron's
 * safeStorage); none ever writes a secret in plain text, and every failure to reach the store is
 * an AppFailure with code KEYCHAIN_UNAVAILABLE, never a silent fallback.
 */
export interface CredentialStore {
  /** A short human description of the backend, for diagnostics ("keytar (Secret Service)"). */
  readonly backend: string
  setSecret(connectionId: string, secret: string): Promise<void>
  /** The stored secret, or null when this connection has none. */
  getSecret(connectionId: string): Promise<string | null>
  /** Removes the secret; true when one was removed. */
  deleteSecret(connectionId: string): Promise<boolean>
  /**
   * Which connections have a secret key and which a session token, from one keychain listing (for
   * lists: no read per profile, and no second listing for the tokens).
   */
  storedIds(): Promise<StoredIds>
  /** The STS session token of temporary credentials, stored beside the secret key. */
  setSessionToken(connectionId: string, token: string): Promise<void>
  getSessionToken(connectionId: string): Promise<string | null>
  deleteSessionToken(connectionId: string): Promise<boolean>
}

/** Connection ids with a stored secret key, and with a stored session token. */
export interface StoredIds {
  secrets: Set<string>
  sessionTokens: Set<string>
}

/** Keychain service name under which every Gatehouse secret is stored (account = connection id). */
export const KEYCHAIN_SERVICE = 'gatehouse'

// The session token has its own account, so the secret key entries written before it stay as they were.
const SESSION_TOKEN_SUFFIX = '#session-token'

/** The keychain account of a connection's session token: `<connectionId>#session-token`. */
export function sessionTokenAccount(connectionId: string): string {
  return `${connectionId}${SESSION_TOKEN_SUFFIX}`
}

/** Splits stored account names into the ids with a secret key and the ids with a session token. */
export function splitAccounts(accounts: Iterable<string>): StoredIds {
  const secrets = new Set<string>()
  const sessionTokens = new Set<string>()
  for (const account of accounts) {
    if (account.endsWith(SESSION_TOKEN_SUFFIX)) sessionTokens.add(account.slice(0, -SESSION_TOKEN_SUFFIX.length))
    else secrets.add(account)
  }
  return { secrets, sessionTokens }
}
