import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import { headlessHostEnv } from '../src-main/testbed/keyring/headless-env.ts'
import { startBrowserModeProcess, type BrowserModeProcess } from '../src-main/testbed/transports/browser-mode-process.ts'
import { startMinio, type MinioServer } from '../src-main/testbed/minio/minio-server.ts'
import { ConnectionsPage } from './pages/connections.page.ts'
import { VaultPage } from './pages/vault.page.ts'

// Browser mode as a headless jump host runs it: the real entry (src-main/browser/main.ts) in its own
// process, with no D-Bus session and no display, so no OS keychain: secrets go to the passphrase vault.
async function startBrowserModeWithoutDbus(dataDir: string): Promise<BrowserModeProcess> {
  const env = headlessHostEnv({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_PORT: '0' })
  delete env.GATEHOUSE_VAULT_PASSPHRASE_FILE
  return startBrowserModeProcess(env)
}

const test = base.extend<object, { minio: MinioServer }>({
  minio: [
    async ({}, use) => {
      const minio = await startMinio()
      await use(minio)
      await minio.stop()
    },
    { scope: 'worker' },
  ],
  page: async ({ page }, use) => {
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
    })
    await use(page)
    expect(problems).toEqual([])
  },
})

test('with no D-Bus session: create the vault, add a connection, test it OK; the next run asks the passphrase', async ({ page, minio }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-vault-'))
  try {
    const first = await startBrowserModeWithoutDbus(dataDir)
    expect(first.output()).toMatch(/Secrets: encrypted vault \(passphrase\), .*\(absent\)\. The OS keychain is not used: no Secret Service is reachable over D-Bus/)
    const vault = new VaultPage(page)
    await page.goto(first.openUrl)
    await expect(vault.createForm()).toContainText('The OS keychain is not used here: no Secret Service is reachable over D-Bus')
    await vault.create('jump host passphrase', 'a different one')
    await expect(vault.createForm().getByTestId('error-notice')).toContainText('The two passphrases differ')
    await vault.create('short')
    await expect(vault.createForm().getByTestId('error-notice')).toHaveAttribute('data-code', 'INVALID_INPUT')
    await vault.create('jump host passphrase')
    await vault.expectApp()
    await expect(vault.storeLine()).toHaveText('Secrets: encrypted vault')

    const connections = new ConnectionsPage(page)
    await connections.add({ name: 'jump', endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey })
    await connections.test('jump')
    await expect(connections.row('jump').getByTestId('server-info').getByTestId('server-mode')).toContainText('online')
    await first.stop()

    expect(statSync(join(dataDir, 'secrets.vault')).mode & 0o777).toBe(0o600)
    for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((file) => file.isFile())) {
      expect(readFileSync(join(entry.parentPath, entry.name)).toString('latin1'), entry.name).not.toContain(minio.rootSecretKey)
    }

    const second = await startBrowserModeWithoutDbus(dataDir)
    await page.goto(second.openUrl)
    await vault.unlock('not the passphrase')
    await expect(vault.unlockForm().getByTestId('error-notice')).toHaveAttribute('data-code', 'VAULT_LOCKED')
    await expect(vault.unlockForm().getByTestId('error-notice')).toContainText('Wrong passphrase')
    await vault.unlock('jump host passphrase')
    await vault.expectApp()
    await connections.test('jump')
    await expect(connections.row('jump').getByTestId('server-info').getByTestId('server-mode')).toContainText('online')
    await second.stop()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
