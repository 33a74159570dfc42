import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { VAULT_FILE } from './vault-file.ts'
import { VaultCredentialStore } from './vault-store.ts'

const tempDir = useTempDirs()
// A cheap cost keeps the suite quick; the header records it, and one test below uses the default.
const FAST = { passes: 1, memoryKiB: 8 * 1024, lanes: 1 }

async function createdVault(passphrase = 'correct horse battery') {
  const dir = tempDir('gatehouse-vault-')
  const store = new VaultCredentialStore(dir, { kdf: FAST })
  await store.create(passphrase)
  return { dir, store, path: join(dir, VAULT_FILE) }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

describe('VaultCredentialStore on a real file', () => {
  it('round-trips secrets and session tokens, in one 0600 file that holds no secret in plain text', async () => {
    const { dir, store, path } = await createdVault()
    await store.setSecret('c1', 'vault-secret-key-1')
    await store.setSessionToken('c1', 'vault-session-token-1')
    await store.setSecret('c2', 'vault-secret-key-2')
    expect([await store.getSecret('c1'), await store.getSessionToken('c1'), await store.getSecret('c2'), await store.getSecret('c3')]).toEqual([
      'vault-secret-key-1',
      'vault-session-token-1',
      'vault-secret-key-2',
      null,
    ])
    const ids = await store.storedIds()
    expect([[...ids.secrets].sort(), [...ids.sessionTokens]]).toEqual([['c1', 'c2'], ['c1']])
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(filesUnder(dir)).toEqual([path])
    for (const file of filesUnder(dir)) expect(readFileSync(file, 'utf8')).not.toMatch(/vault-secret-key|vault-session-token/)
    expect(await store.deleteSessionToken('c1')).toBe(true)
    expect(await store.deleteSessionToken('c1')).toBe(false)
    expect(await store.getSecret('c1')).toBe('vault-secret-key-1')
  })

  it('unlocks in a new process-like instance with the passphrase; a wrong one is a clear error and changes nothing', async () => {
    const { dir, store, path } = await createdVault()
    await store.setSecret('c1', 'kept-secret')
    const before = readFileSync(path)
    const reopened = new VaultCredentialStore(dir)
    expect(reopened.state()).toBe('locked')
    await expect(reopened.getSecret('c1')).rejects.toMatchObject({ code: 'VAULT_LOCKED', message: expect.stringMatching(/is locked: unlock it/) })
    await expect(reopened.unlock('wrong passphrase')).rejects.toMatchObject({ code: 'VAULT_LOCKED', message: expect.stringMatching(/^Wrong passphrase .* Nothing was changed/) })
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(reopened.state()).toBe('locked')
    await reopened.unlock('correct horse battery')
    expect(await reopened.getSecret('c1')).toBe('kept-secret')
  })

  it('lists and removes absent entries without the passphrase (names are in the header)', async () => {
    const { dir, store } = await createdVault()
    await store.setSecret('c1', 's')
    const locked = new VaultCredentialStore(dir)
    expect([...(await locked.storedIds()).secrets]).toEqual(['c1'])
    expect(await locked.getSessionToken('c1')).toBeNull()
    expect(await locked.deleteSessionToken('c1')).toBe(false)
  })

  it('refuses a tampered file, whichever part was changed, and leaves it as it is', async () => {
    const { dir, store, path } = await createdVault()
    await store.setSecret('c1', 'tamper-target')
    const original = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64')
      bytes[0]! ^= 1
      return bytes.toString('base64')
    }
    const variants: Array<[string, Record<string, unknown>]> = [
      ['ciphertext', { ...original, data: flip(original.data as string) }],
      ['tag', { ...original, tag: flip(original.tag as string) }],
      ['iv', { ...original, iv: flip(original.iv as string) }],
      ['account list', { ...original, accounts: ['c1', 'c9'] }],
    ]
    for (const [part, tampered] of variants) {
      writeFileSync(path, JSON.stringify(tampered))
      const reader = new VaultCredentialStore(dir)
      await expect(reader.unlock('correct horse battery'), part).rejects.toMatchObject({ code: 'VAULT_CORRUPT', message: expect.stringMatching(/^Refusing the secrets vault .*altered or damaged/) })
      expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(tampered))
    }
    writeFileSync(path, JSON.stringify({ ...original, kdf: { ...(original.kdf as object), memoryKiB: 64 * 1024 * 1024 } }))
    await expect(new VaultCredentialStore(dir).unlock('correct horse battery')).rejects.toMatchObject({ code: 'VAULT_CORRUPT', message: expect.stringMatching(/header is invalid \(kdf\.memoryKiB/) })
    writeFileSync(path, 'not json')
    await expect(new VaultCredentialStore(dir).unlock('correct horse battery')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    // The still-unlocked instance refuses too: it re-reads the file on every access.
    await expect(store.getSecret('c1')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
  })

  it('changes the passphrase: the old one stops working, the secrets stay', async () => {
    const { dir, store } = await createdVault()
    await store.setSecret('c1', 'survives-rekey')
    await expect(store.changePassphrase('not the current one', 'new passphrase 2')).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    await expect(store.changePassphrase('correct horse battery', 'short')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await store.changePassphrase('correct horse battery', 'new passphrase 2')
    await expect(new VaultCredentialStore(dir).unlock('correct horse battery')).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    const reopened = new VaultCredentialStore(dir)
    await reopened.unlock('new passphrase 2')
    expect(await reopened.getSecret('c1')).toBe('survives-rekey')
  })

  it('asks its passphrase source once when locked (create when absent, then unlock)', async () => {
    const dir = tempDir('gatehouse-vault-')
    const asked: string[] = []
    const ask = async (purpose: 'unlock' | 'create') => (asked.push(purpose), 'asked passphrase')
    const first = new VaultCredentialStore(dir, { ask, kdf: FAST })
    await Promise.all([first.setSecret('a', '1'), first.getSecret('a')])
    await first.setSecret('b', '2')
    const second = new VaultCredentialStore(dir, { ask })
    expect(await second.getSecret('b')).toBe('2')
    expect(asked).toEqual(['create', 'unlock'])
  })

  it('uses RFC 9106 Argon2id cost by default and records it in the header', async () => {
    const dir = tempDir('gatehouse-vault-')
    await new VaultCredentialStore(dir).create('default cost passphrase')
    const header = JSON.parse(readFileSync(join(dir, VAULT_FILE), 'utf8')) as { version: number; kdf: Record<string, unknown> }
    expect(header.version).toBe(1)
    expect(header.kdf).toMatchObject({ name: 'argon2id', passes: 3, memoryKiB: 65536, lanes: 4 })
    await new VaultCredentialStore(dir).unlock('default cost passphrase')
  })
})
