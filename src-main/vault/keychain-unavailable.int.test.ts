import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// With no D-Bus session at all, the store must answer KEYCHAIN_UNAVAILABLE, not crash and not fall back.
describe('KeytarCredentialStore without a reachable keychain', () => {
  it('fails every operation with KEYCHAIN_UNAVAILABLE', () => {
    const script = `
      import { KeytarCredentialStore } from './src-main/vault/keytar-store.ts'
      const store = new KeytarCredentialStore('gatehouse-test')
      const results = []
      for (const call of [() => store.setSecret('x', 'top-secret-value'), () => store.getSecret('x'), () => store.deleteSecret('x'), () => store.storedIds()]) {
        try { await call(); results.push('ok') } catch (error) { results.push(error.code + ': ' + error.message) }
      }
      console.log(JSON.stringify(results))
    `
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' })
    const results = JSON.parse(output) as string[]
    expect(results).toHaveLength(4)
    for (const result of results) {
      expect(result).toMatch(/^KEYCHAIN_UNAVAILABLE: Could not .* in the OS keychain/)
      expect(result).not.toContain('top-secret-value')
    }
  })
})
