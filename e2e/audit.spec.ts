import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures.ts'
import { AuditPage } from './pages/audit.page.ts'
import { ConnectionsPage } from './pages/connections.page.ts'
import { rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'

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

  await audit.search('')
  await audit.openEvent('connection.created', 'audited-secondary')
  const verified = await audit.verify()
  await expect(verified).toHaveAttribute('data-intact', 'true')
  await expect(verified).toContainText('Chain intact')

  const download = await audit.download('CSV')
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/)
  const csv = readFileSync(await download.path(), 'utf8')
  expect(csv.split('\r\n')[0]).toMatch(/^id,time,/)
  expect(csv).toContain('audited-secondary')
  expect(csv).toContain('audited-primary')
  // The export is an event too; the refreshed list shows it on top, each row in its own place.
  await expect(audit.rows().first()).toHaveAttribute('data-action', 'audit.exported')
  const tops = await Promise.all(['audit.exported', 'connection.validated'].map((action) => audit.rowTop(action)))
  expect(tops[1]).toBeGreaterThan(tops[0] ?? Infinity)
  await page.screenshot({ path: join(import.meta.dirname, '..', 'test-results', 'audit.png'), fullPage: true })
})

test('a policy changed twice has a history, and any two versions can be compared', async ({ page, world }) => {
  test.slow() // audited admin calls to set up
  const { connectionId, call } = await rootConnection(world, 'audit-history')
  const policy = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['arn:aws:s3:::logs/*'] }] })
  await call('policies.create', { connectionId, name: 'audit-logs-rw', text: policy(['s3:GetObject']) })
  await call('policies.update', { connectionId, name: 'audit-logs-rw', text: policy(['s3:GetObject', 's3:PutObject']) })

  await page.goto(world.app.openUrl)
  const audit = new AuditPage(page)
  await audit.open()
  const detail = await audit.openEvent('policy.updated', 'audit-logs-rw')
  await expect(detail.getByTestId('diff-view').locator('.diff-line.added')).toContainText(['"s3:PutObject"'])

  const history = await audit.policyHistory('audit-logs-rw')
  await expect(history.getByRole('table', { name: 'Versions' }).locator('tbody tr')).toHaveCount(2)
  await history.getByRole('button', { name: 'Compare' }).click()
  await expect(history.getByTestId('diff-view').locator('.diff-line.added')).toContainText(['"s3:PutObject"'])
  await expect(history.getByTestId('diff-summary')).toContainText('Version 1 → 2')
})

test('a long trail scrolls: older pages load on demand and only visible rows are in the page', async ({ page, world }) => {
  const { trail } = world.services.audit
  for (let index = 0; index < 450; index++) {
    trail.recordEvent({ connection: null, actor: 'e2e', action: 'user.created', target: { type: 'user', name: `bulk-user-${index}` } }, { kind: 'ok' })
  }
  await page.goto(world.app.openUrl)
  const audit = new AuditPage(page)
  await audit.open()
  await expect(audit.count()).toHaveText('100+ shown')
  await audit.scrollListToEnd()
  await expect(audit.count()).toHaveText('200+ shown')
  expect(await audit.rows().count()).toBeLessThan(60)
  await expect(audit.row('user.created', 'bulk-user-449')).toHaveCount(0)
})
