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
  /** The connection ids that have a stored secret, in one keychain call (for lists: no read per profile). */
  idsWithSecrets(): Promise<Set<string>>
}

/** Keychain service name under which every Gatehouse secret is stored (account = connection id). */
export const KEYCHAIN_SERVICE = 'gatehouse'
