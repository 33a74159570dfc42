import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SafeStorageCredentialStore, type SafeStorageApi } from './safe-storage-store.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

// Electron's safeStorage is unavailable outside Electron; this stand-in really encrypts (AES-GCM with
// a key held in memory, as the OS keyring would hold it), so "no plain text on disk" is checkable.
function encryptingSafeStorage(backend = 'gnome_libsecret'): SafeStorageApi {
  const key = randomBytes(32)
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString: (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      decipher.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

describe('SafeStorageCredentialStore', () => {
  it('round-trips secrets and writes only ciphertext', async () => {
    const dir = tempDir('gatehouse-safe-')
    const store = new SafeStorageCredentialStore(encryptingSafeStorage(), dir)
    await store.setSecret('c1', 'very-secret-key-123')
    expect(await store.getSecret('c1')).toBe('very-secret-key-123')
    expect(await store.getSecret('c2')).toBeNull()
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8')).not.toContain('very-secret-key-123')
    expect([...(await store.storedIds()).secrets]).toEqual(['c1'])
    expect(await store.deleteSecret('c1')).toBe(true)
    expect((await store.storedIds()).secrets).toEqual(new Set())
    expect(await store.getSecret('c1')).toBeNull()
  })

  it('refuses the hard-coded-key backend and unavailable encryption with KEYCHAIN_UNAVAILABLE', async () => {
    const dir = tempDir('gatehouse-safe-')
    const basicText = new SafeStorageCredentialStore(encryptingSafeStorage('basic_text'), dir)
    await expect(basicText.setSecret('c1', 's')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
    const unavailable = new SafeStorageCredentialStore({ ...encryptingSafeStorage(), isEncryptionAvailable: () => false }, dir)
    await expect(unavailable.getSecret('c1')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
    expect(readdirSync(dir)).toEqual([])
  })

  it('stores a session token beside the secret key without changing how the secret key is stored', async () => {
    const dir = tempDir('gatehouse-safe-')
    const store = new SafeStorageCredentialStore(encryptingSafeStorage(), dir)
    await store.setSecret('c1', 'secret-key-1')
    const before = JSON.parse(readFileSync(join(dir, 'secrets.safe-storage.json'), 'utf8')) as Record<string, string>
    await store.setSessionToken('c1', 'session-token-1')
    const after = JSON.parse(readFileSync(join(dir, 'secrets.safe-storage.json'), 'utf8')) as Record<string, string>
    expect(after.c1).toBe(before.c1)
    expect(JSON.stringify(after)).not.toContain('session-token-1')
    expect(await store.getSessionToken('c1')).toBe('session-token-1')
    const { secrets, sessionTokens } = await store.storedIds()
    expect([[...secrets], [...sessionTokens]]).toEqual([['c1'], ['c1']])
    expect(await store.deleteSessionToken('c1')).toBe(true)
    expect(await store.getSecret('c1')).toBe('secret-key-1')
    expect(await store.getSessionToken('c1')).toBeNull()
  })
})
