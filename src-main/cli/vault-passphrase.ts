import { AppFailure } from '../api/result.ts'
import { PASSPHRASE_FILE_ENV, readPassphraseFile } from '../vault/passphrase-file.ts'
import type { PassphraseSource } from '../vault/vault-store.ts'
import type { CliIo } from './io.ts'

/**
 * How the CLI gets the passphrase when the vault needs it: the file named by
 * GATEHOUSE_VAULT_PASSPHRASE_FILE, else a hidden prompt on the terminal (asked twice to create).
 */
export function cliPassphraseSource(io: CliIo): PassphraseSource {
  return async (purpose) => {
    const file = io.env[PASSPHRASE_FILE_ENV]?.trim()
    if (file) return readPassphraseFile(file)
    if (!io.isStdinTty || !io.promptHidden) {
      throw new AppFailure(
        'VAULT_LOCKED',
        `Secrets are kept in the encrypted vault here and it needs its passphrase${purpose === 'create' ? ' (a new one: the vault does not exist yet)' : ''}: ` +
          `run on a terminal to be asked, or set ${PASSPHRASE_FILE_ENV} to a file (chmod 600) that holds it.`,
      )
    }
    return purpose === 'unlock' ? io.promptHidden('Vault passphrase: ') : askNewPassphrase(io)
  }
}

/** The passphrase for a new vault: from GATEHOUSE_VAULT_PASSPHRASE_FILE, else typed twice on the terminal. */
export async function newPassphrase(io: CliIo): Promise<string> {
  const file = io.env[PASSPHRASE_FILE_ENV]?.trim()
  return file ? readPassphraseFile(file) : askNewPassphrase(io)
}

/** A new passphrase on the terminal, typed twice. */
export async function askNewPassphrase(io: CliIo, label = 'New vault passphrase'): Promise<string> {
  const prompt = io.promptHidden
  if (!io.isStdinTty || !prompt) throw new AppFailure('INVALID_INPUT', `A new vault passphrase is asked on a terminal, or read from a file (${PASSPHRASE_FILE_ENV}).`)
  const first = await prompt(`${label}: `)
  if ((await prompt(`${label} again: `)) !== first) throw new AppFailure('INVALID_INPUT', 'The two passphrases differ; nothing was changed.')
  return first
}
