import { readFileSync, statSync } from 'node:fs'
import { AppFailure } from '../api/result.ts'
import type { CredentialStore } from './credential-store.ts'
import { VaultCredentialStore } from './vault-store.ts'

/** The variable naming a file that holds the vault passphrase (for scripts). The passphrase itself never goes in argv or the environment. */
export const PASSPHRASE_FILE_ENV = 'GATEHOUSE_VAULT_PASSPHRASE_FILE'

/** Reads a passphrase file: first line, owner-only permissions required (as ssh does for keys). */
export function readPassphraseFile(path: string): string {
  let text: string
  try {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      throw new Error(`it is readable by others; run \`chmod 600 ${path}\``)
    }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppFailure('VAULT_LOCKED', `Could not use the vault passphrase file ${path} (${PASSPHRASE_FILE_ENV}): ${(error as Error).message}.`)
  }
  const passphrase = text.replace(/\r?\n$/, '')
  if (!passphrase) throw new AppFailure('VAULT_LOCKED', `The vault passphrase file ${path} (${PASSPHRASE_FILE_ENV}) is empty.`)
  return passphrase
}

/** For scripts and browser mode: the passphrase file (if named) unlocks the vault, or creates it when there is none. */
export async function unlockFromPassphraseFile(store: CredentialStore, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env[PASSPHRASE_FILE_ENV]?.trim()
  if (!file || !(store instanceof VaultCredentialStore) || store.state() === 'unlocked') return
  const passphrase = readPassphraseFile(file)
  if (store.state() === 'absent') await store.create(passphrase)
  else await store.unlock(passphrase)
}
