import { z } from 'zod'

// Channels of the unlock screen. The passphrase goes in (unlock, create) and never comes out or is stored.
const passphrase = z.string().min(1).max(1024)

const vaultStatus = z.object({
  /** Which store holds the secrets: the OS keychain, Electron safeStorage, or the passphrase vault. */
  store: z.enum(['keychain', 'safe-storage', 'vault']),
  backend: z.string(),
  /** The vault's state; 'unused' when another store holds the secrets. */
  vault: z.enum(['unused', 'absent', 'locked', 'unlocked']),
  path: z.string().optional(),
  /** Why the OS keychain is not used, with what to install. */
  keychainProblem: z.string().optional(),
})

export const vaultContract = {
  'vault.status': { input: z.strictObject({}).strict(), output: vaultStatus },
  /** Unlocks for this run. A wrong passphrase is VAULT_LOCKED and changes nothing. */
  'vault.unlock': { input: z.strictObject({ passphrase }).strict(), output: vaultStatus },
  /** Creates the vault where there is none (the keychain is unavailable); at least 8 characters. */
  'vault.create': { input: z.strictObject({ passphrase }).strict(), output: vaultStatus },
} as const

export type VaultStatus = z.output<typeof vaultStatus>
