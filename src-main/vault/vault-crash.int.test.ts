import { spawn } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { VAULT_FILE, deriveVaultKey, encryptEntries, writeVaultFile } from './vault-file.ts'
import { VaultCredentialStore } from './vault-store.ts'

const tempDir = useTempDirs()
const FIXTURE = join(import.meta.dirname, '../testbed/vault/vault-rekey.fixture.ts')
const [A, B] = ['passphrase-alpha', 'passphrase-bravo']

/** Runs the re-encrypting child until it is SIGKILLed: by itself at a chosen point of the write, or by us at a random moment. */
async function killMidRekey(dir: string, mode: 'mid-write' | 'before-rename' | 'random'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir, A, B, mode], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 50)))
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited with ${code}`))))
  })
}

async function openWithEither(dir: string): Promise<VaultCredentialStore> {
  const store = new VaultCredentialStore(dir)
  try {
    await store.unlock(A)
  } catch {
    await store.unlock(B)
  }
  return store
}

describe('vault re-encryption killed mid-write (SIGKILL, a real child process)', () => {
  it('always leaves the old or the new file, with every secret', async () => {
    const dir = tempDir('gatehouse-vault-crash-')
    // Big enough (about 2 MB) that a kill often lands while the temp file is being written.
    const secrets = Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`c${index}`, `secret-${index}-${'x'.repeat(1000)}`]))
    const key = await deriveVaultKey(A, { passes: 1, memoryKiB: 8 * 1024, lanes: 1 })
    writeVaultFile(join(dir, VAULT_FILE), encryptEntries(secrets, key))
    const modes = ['mid-write', 'before-rename', ...Array<'random'>(6).fill('random')] as const
    for (const mode of modes) {
      await killMidRekey(dir, mode)
      if (mode !== 'random') expect(readdirSync(dir).filter((name) => name.endsWith('.tmp')), mode).toHaveLength(1)
      const store = await openWithEither(dir)
      expect(await store.getSecret('c0'), mode).toBe(secrets.c0)
      expect(await store.getSecret('c1999'), mode).toBe(secrets.c1999)
      expect((await store.storedIds()).secrets.size, mode).toBe(2000)
      for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name))
    }
  }, 120_000)
})
