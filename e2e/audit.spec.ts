import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures.ts'
import { AuditPage } from './pages/audit.page.ts'
import { ConnectionsPage } from './pages/connections.page.ts'

test.describe.configure({ mode: 'serial' })

test('adding and testing a connection shows up in the audit trail; search, detail, verify and export work', async ({ page, world }) => {
  const connections = new ConnectionsPage(page)
  await connections.open(world.app.openUrl)
  const credentials = { endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey }
  await connections.add({ name: 'audited-primary', ...credentials })
  await connections.add({ name: 'audited-secondary', ...credentials })
  await connections.test('audited-primary')
  await expect(connections.row('audited-primary').getByTestId('server-info')).toBeVisible()

  const audit = new AuditPage(page)
  await audit.open()
  await expect(audit.row('connection.created', 'audited-primary')).toHaveCount(1)
  await expect(audit.row('connection.validated', 'audited-primary')).toHaveCount(1)
  await expect(audit.row('connection.created', 'audited-secondary')).toHaveCount(1)
  // Newest first: the validation came after both creations.
  await expect(audit.rows().first()).toHaveAttribute('data-action', 'connection.validated')

  await audit.search('audited-secondary')
  await expect(audit.row('connection.created', 'audited-secondary')).toHaveCount(1)
  await expect(audit.row('connection.created', 'audited-primary')).toHaveCount(0)

  const detail = await audit.openEvent('connection.created', 'audited-secondary')
  await expect(detail.getByTestId('detail-outcome')).toContainText('succeeded')
  await expect(detail).toContainText(world.minio.endpoint)
  await expect(detail).not.toContainText(world.minio.rootSecretKey)

  const verified = await audit.verify()
  await expect(verified).toHaveAttribute('data-intact', 'true')
  await expect(verified).toContainText('Chain intact')

  const download = await audit.download('CSV')
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/)
  const csv = readFileSync(await download.path(), 'utf8')
  expect(csv.split('\r\n')[0]).toMatch(/^id,time,/)
  expect(csv).toContain('audited-secondary')
  expect(csv).not.toContain('audited-primary')
})
