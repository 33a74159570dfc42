import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { KeytarCredentialStore } from './keytar-store.ts'

// Runs under scripts/with-keyring.sh: a private D-Bus session with an unlocked gnome-keyring.
describe('KeytarCredentialStore against the real Secret Service', () => {
  it('stores, reads, overwrites and deletes a secret per connection id', async () => {
    const store = new KeytarCredentialStore('gatehouse-test')
    const id = randomUUID()
    expect(await store.getSecret(id)).toBeNull()
    await store.setSecret(id, 'first/secret+ü')
    expect(await store.getSecret(id)).toBe('first/secret+ü')
    await store.setSecret(id, 'second')
    expect(await store.getSecret(id)).toBe('second')
    expect(await store.deleteSecret(id)).toBe(true)
    expect(await store.getSecret(id)).toBeNull()
    expect(await store.deleteSecret(id)).toBe(false)
  })

  it('keeps secrets of different connections apart', async () => {
    const store = new KeytarCredentialStore('gatehouse-test')
    const [a, b] = [randomUUID(), randomUUID()]
    await store.setSecret(a, 'alpha')
    await store.setSecret(b, 'beta')
    expect(await store.getSecret(a)).toBe('alpha')
    expect(await store.getSecret(b)).toBe('beta')
    const listed = (await store.storedIds()).secrets
    expect([listed.has(a), listed.has(b)]).toEqual([true, true])
    await Promise.all([store.deleteSecret(a), store.deleteSecret(b)])
    const after = (await store.storedIds()).secrets
    expect([after.has(a), after.has(b)]).toEqual([false, false])
  })

  it('keeps a session token under its own account, apart from the secret key', async () => {
    const store = new KeytarCredentialStore('gatehouse-test')
    const id = randomUUID()
    await store.setSecret(id, 'secret-key')
    await store.setSessionToken(id, 'session-token')
    expect([await store.getSecret(id), await store.getSessionToken(id)]).toEqual(['secret-key', 'session-token'])
    const { secrets, sessionTokens } = await store.storedIds()
    expect([secrets.has(id), sessionTokens.has(id), secrets.has(`${id}#session-token`)]).toEqual([true, true, false])
    expect(await store.deleteSessionToken(id)).toBe(true)
    expect([await store.getSecret(id), await store.getSessionToken(id)]).toEqual(['secret-key', null])
    expect((await store.storedIds()).sessionTokens.has(id)).toBe(false)
    await store.deleteSecret(id)
  })
})
