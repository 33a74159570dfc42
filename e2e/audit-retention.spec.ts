import { saveRetentionPolicy } from '../src-main/services/app-settings.ts'
import { expect, test } from './fixtures.ts'
import { RetentionPanel } from './pages/audit-retention.page.ts'
import { AuditPage } from './pages/audit.page.ts'
import { rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'

// The world is shared with the specs that run after this one: leave no saved policy behind.
test.afterAll(({ world }) => saveRetentionPolicy(world.dataDir, {}))

test('a saved retention policy prunes only after a full export; the prune is an event and the chain stays intact', async ({ page, world }) => {
  test.slow() // audited admin calls to set up
  const { connectionId, call } = await rootConnection(world, 'retention-root')
  for (const name of ['retain-a', 'retain-b', 'retain-c']) {
    await call('users.create', { connectionId, accessKey: name, secretKey: `${name}-secret-0123456789` })
  }
  await page.goto(world.app.openUrl)
  const audit = new AuditPage(page)
  await audit.open()
  const retention = new RetentionPanel(page)
  const before = await retention.eventCount()
  expect(before).toBeGreaterThanOrEqual(4) // the connection and three users, after whatever ran before

  await retention.savePolicy({ maxEvents: '3' })
  await expect(retention.saved()).toBeVisible()
  await expect(retention.region().getByTestId('retention-policy')).toHaveText('max 3 events')
  await expect(audit.rows().first()).toHaveAttribute('data-action', 'audit.retentionChanged')
  // Saving the policy is an event too, so one more is over the limit.
  await expect(retention.due()).toHaveAttribute('data-count', String(before + 1 - 3))
  await expect(retention.due()).toHaveAttribute('data-covered', 'false')

  const refused = await retention.pruneNow()
  await expect(refused.getByTestId('prune-confirm-count')).toHaveText(`The oldest ${before - 2} events will be removed from the trail for good.`)
  await refused.getByRole('button', { name: `Prune ${before - 2} events` }).click()
  await expect(retention.refusal()).toContainText('no full export covers these events yet')
  await expect(retention.refusal()).toContainText('Export it first')
  await expect(retention.events()).toHaveAttribute('data-count', String(before + 1))

  // The export is an event as well: the confirmation, asked again, counts it.
  const confirm = await retention.exportInFull()
  await expect(retention.exported()).toContainText(`Exported ${before + 1} events`)
  await expect(confirm.getByTestId('prune-confirm-count')).toHaveText(`The oldest ${before - 1} events will be removed from the trail for good.`)
  await confirm.getByRole('button', { name: `Prune ${before - 1} events` }).click()
  await expect(retention.pruned()).toContainText(`Pruned ${before - 1} events`)
  await expect(retention.refusal()).toHaveCount(0)

  // Kept: the newest user, the policy change and the export; then the prune itself on top.
  await expect(retention.events()).toHaveAttribute('data-count', '4')
  await expect(audit.count()).toHaveText('4 shown')
  await expect(audit.rows().first()).toHaveAttribute('data-action', 'audit.pruned')
  await expect(audit.row('user.created', 'retain-c')).toHaveCount(1)
  await expect(audit.row('user.created', 'retain-a')).toHaveCount(0)
  const verified = await audit.verify()
  await expect(verified).toHaveAttribute('data-intact', 'true')
})

test('a limit that is not a whole number is refused before it is saved', async ({ page, world }) => {
  await page.goto(world.app.openUrl)
  await new AuditPage(page).open()
  const retention = new RetentionPanel(page)
  await retention.savePolicy({ maxAgeDays: '2.5' })
  await expect(retention.region().getByTestId('retention-form-error')).toHaveText("Maximum age (days) takes a positive whole number, not '2.5'. Leave it empty for no limit.")
  await retention.savePolicy({ maxSizeMiB: '9999999999' })
  await expect(retention.region().getByTestId('error-notice')).toContainText('maxBytes')
  await expect(retention.saved()).toHaveCount(0)
})
