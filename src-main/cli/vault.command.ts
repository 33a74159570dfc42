import { rmSync } from 'node:fs'
import { ConnectionProfileStore } from '../services/connection-profiles.ts'
import { resolveDataDir } from '../shared/data-dir.ts'
import { AppFailure } from '../api/result.ts'
import { chooseCredentialStore, describeStore } from '../vault/choose-store.ts'
import { keychainProblem } from '../vault/keychain-probe.ts'
import { KeytarCredentialStore } from '../vault/keytar-store.ts'
import { migrateSecrets } from '../vault/migrate-secrets.ts'
import { VaultCredentialStore } from '../vault/vault-store.ts'
import { parseCommandArgs } from './args.ts'
import { EXIT, UsageError, pickCommand, type CliIo } from './io.ts'
import { PASSPHRASE_FILE_ENV, readPassphraseFile } from '../vault/passphrase-file.ts'
import { askNewPassphrase, cliPassphraseSource, newPassphrase } from './vault-passphrase.ts'

const HELP = `Usage: gatehouse vault <command>

  status                    Which store holds this data directory's secrets, and why.
  migrate --to vault|keychain
        Moves every connection's secret key and session token to the other store (copies,
        reads each back, then deletes the originals). To the vault: asks a new passphrase
        (twice) or reads ${PASSPHRASE_FILE_ENV}. To the keychain: removes the vault file after.
  passphrase [--new-passphrase-file FILE]
        Re-encrypts the vault under a new passphrase (one atomic file replace).

The OS keychain is the default wherever it answers; the vault (secrets.vault in the data
directory, AES-256-GCM under an Argon2id key from your passphrase) is used where it does not,
or once chosen with 'migrate --to vault'. The passphrase is never stored.
`

/** `gatehouse vault …`: which secret store is used, moving secrets between stores, changing the passphrase. */
export async function runVaultCommand(args: string[], io: CliIo): Promise<number> {
  const picked = pickCommand(args, COMMANDS, HELP, io)
  if (typeof picked === 'number') return picked
  return picked.run(picked.rest, io, resolveDataDir(io.env)).catch((error: unknown) => {
    if (!(error instanceof AppFailure)) throw error
    io.stderr(`${error.code}: ${error.message}\n`)
    return EXIT.failed
  })
}

const COMMANDS: Record<string, (args: string[], io: CliIo, dataDir: string) => Promise<number>> = {
  status: async (args, io, dataDir) => {
    parseCommandArgs(args, {})
    io.stdout(`${describeStore(await chooseCredentialStore(dataDir, { ask: cliPassphraseSource(io) }))}\n`)
    return EXIT.ok
  },
  migrate: (args, io, dataDir) => migrate(args, io, dataDir),
  passphrase: (args, io, dataDir) => changePassphrase(args, io, dataDir),
}

async function migrate(args: string[], io: CliIo, dataDir: string): Promise<number> {
  const { values } = parseCommandArgs(args, { to: { type: 'string' } })
  if (values.to !== 'vault' && values.to !== 'keychain') throw new UsageError('migrate needs --to vault or --to keychain.')
  const current = await chooseCredentialStore(dataDir, { ask: cliPassphraseSource(io) })
  const toVault = values.to === 'vault'
  if (toVault === current instanceof VaultCredentialStore) {
    io.stdout(`Nothing to do: ${describeStore(current)}\n`)
    return EXIT.ok
  }
  if (!toVault) {
    const problem = await keychainProblem()
    if (problem) throw new AppFailure('KEYCHAIN_UNAVAILABLE', `Cannot move the secrets to the OS keychain: ${problem}`)
  }
  const vault = current instanceof VaultCredentialStore ? current : new VaultCredentialStore(dataDir, { ask: cliPassphraseSource(io) })
  const target = toVault ? vault : new KeytarCredentialStore()
  const ids = new ConnectionProfileStore(dataDir).list().map((profile) => profile.id)
  if (toVault) await vault.create(await newPassphrase(io))
  const moved = await migrateSecrets(current, target, ids)
  if (!toVault) rmSync(vault.path)
  io.stdout(`Moved ${moved} secret${moved === 1 ? '' : 's'} of ${ids.length} connection${ids.length === 1 ? '' : 's'} to ${target.backend}.\n`)
  return EXIT.ok
}

async function changePassphrase(args: string[], io: CliIo, dataDir: string): Promise<number> {
  const { values } = parseCommandArgs(args, { 'new-passphrase-file': { type: 'string' } })
  const vault = new VaultCredentialStore(dataDir)
  if (vault.state() === 'absent') throw new AppFailure('NOT_FOUND', `There is no vault at ${vault.path}; secrets are in ${(await chooseCredentialStore(dataDir)).backend}.`)
  const current = await cliPassphraseSource(io)('unlock')
  const next = values['new-passphrase-file'] ? readPassphraseFile(values['new-passphrase-file']) : await askNewPassphrase(io)
  await vault.changePassphrase(current, next)
  io.stdout(`The vault ${vault.path} is now encrypted under the new passphrase.\n`)
  return EXIT.ok
}
