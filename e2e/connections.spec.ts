import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AdminClient } from '../src-main/minio/index.ts'
import { temporaryAdminCredentials } from '../src-main/testbed/minio/sts-credentials.ts'
import { expect, test } from './fixtures.ts'
import { ConnectionsPage } from './pages/connections.page.ts'

test.describe.configure({ mode: 'serial' })

test('the first screen offers to add a connection', async ({ page, freshApp }) => {
  const connections = new ConnectionsPage(page)
  await connections.open(freshApp.openUrl)
  await expect(connections.emptyState()).toBeVisible()
  await expect(connections.emptyState().getByRole('button', { name: 'Add your first connection' })).toBeVisible()
})

test('add a connection, test it, and see the server info', async ({ page, world }) => {
  const connections = new ConnectionsPage(page)
  await connections.open(world.app.openUrl)
  await connections.add({ name: 'sandbox-e2e', endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey })
  await connections.test('sandbox-e2e')
  const info = connections.row('sandbox-e2e').getByTestId('server-info')
  await expect(info).toBeVisible()
  await expect(info.getByTestId('server-mode')).toContainText('online')
  await expect(info.getByTestId('server-drives')).toHaveText('1 online, 0 offline')
  // The worker's MinIO is shared by its spec files, and its server info counts buckets from the data
  // usage scanner (it lags S3's ListBuckets): the count shown is the one the admin API itself gives.
  const server = new AdminClient({ endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey })
  await expect(info.getByTestId('server-buckets')).toHaveText(String((await server.serverInfo()).bucketCount))
  await page.screenshot({ path: join(import.meta.dirname, '..', 'test-results', 'connections.png'), fullPage: true })
})

test('a wrong secret shows its own error', async ({ page, world }) => {
  const connections = new ConnectionsPage(page)
  await connections.open(world.app.openUrl)
  await connections.add({ name: 'wrong-secret', endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: 'definitely-not-it' })
  await connections.test('wrong-secret')
  const error = connections.row('wrong-secret').getByTestId('error-notice')
  await expect(error).toHaveAttribute('data-code', 'MINIO_AUTH_FAILED')
  await expect(error).toContainText('secret key')
  await expect(connections.row('wrong-secret').getByTestId('server-info')).toHaveCount(0)
})

test('temporary (STS) credentials: the session token is sent, and never shown after saving', async ({ page, world }) => {
  const sts = await temporaryAdminCredentials(world.minio)
  const connections = new ConnectionsPage(page)
  await connections.open(world.app.openUrl)
  const row = connections.row('sts-e2e')
  await connections.add({ name: 'sts-e2e', endpoint: world.minio.endpoint, accessKey: sts.accessKey, secretKey: sts.secretKey, sessionToken: sts.sessionToken, sessionExpiresAt: sts.expiresAt })
  await expect(row.getByTestId('temporary-credentials')).toBeVisible()
  await expect(row.getByTestId('session-expires')).toHaveText(`expires ${new Date(sts.expiresAt).toISOString()}`)
  await expect(row).not.toContainText('The temporary credentials expire')
  await connections.test('sts-e2e')
  const info = connections.row('sts-e2e').getByTestId('server-info')
  await expect(info).toBeVisible()
  await expect(info.getByTestId('server-mode')).toContainText('online')
  const form = await connections.edit('sts-e2e')
  await expect(form.getByLabel('Session token (temporary credentials only)')).toHaveValue('')
  await expect(form.getByLabel('Session token (temporary credentials only)')).toHaveAttribute('placeholder', /unchanged/)
  const everything = await connections.everyText()
  expect(everything).not.toContain(sts.sessionToken)
  expect(everything).not.toContain(sts.secretKey)
  for (const file of readdirSync(world.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())) {
    expect(readFileSync(join(file.parentPath, file.name)).toString('latin1')).not.toContain(sts.sessionToken)
  }
})

test('a refused session token shows its own error', async ({ page, world }) => {
  const sts = await temporaryAdminCredentials(world.minio)
  const connections = new ConnectionsPage(page)
  await connections.open(world.app.openUrl)
  const tampered = `${sts.sessionToken.slice(0, -4)}${sts.sessionToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`
  await connections.add({ name: 'sts-tampered', endpoint: world.minio.endpoint, accessKey: sts.accessKey, secretKey: sts.secretKey, sessionToken: tampered, sessionExpiresAt: '2020-01-01T00:00:00Z' })
  await expect(connections.row('sts-tampered')).toContainText('The temporary credentials expired at 2020-01-01T00:00:00.000Z. Get new ones')
  await connections.test('sts-tampered')
  const error = connections.row('sts-tampered').getByTestId('error-notice')
  await expect(error).toHaveAttribute('data-code', 'MINIO_AUTH_FAILED')
  await expect(error).toContainText("rejected the session token of connection 'sts-tampered' (InvalidTokenId)")
})

test('without the token the UI says how to get in', async ({ page, world }) => {
  await page.goto(world.app.url)
  await expect(page.getByTestId('error-notice')).toContainText('Open the URL that `npm start` printed')
})

test('the secret key is in no file of the data directory', async ({ world }) => {
  const files = readdirSync(world.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const content = readFileSync(join(file.parentPath, file.name), 'utf8')
    expect(content).not.toContain(world.minio.rootSecretKey)
    expect(content).not.toContain('definitely-not-it')
  }
})
