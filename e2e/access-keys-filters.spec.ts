import { randomBytes } from 'node:crypto'
import { test } from './fixtures.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { ImpactPreviewPart } from './pages/impact.page.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { readServer, rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

// Owners carry a tag, so the text filter (composed with each other filter) leaves exactly this
// spec's keys, whatever other specs of the worker left on the shared server.
const tag = randomBytes(3).toString('hex')
const ann = `ann-${tag}`
const bob = `bob-${tag}`
const keyOf = (name: string) => `FK${tag.toUpperCase()}${name.toUpperCase()}`
const keys = { never: keyOf('never'), soon: keyOf('soon'), later: keyOf('later'), session: keyOf('session'), bob: keyOf('bob') }
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
const session = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] })

test('each filter shows exactly the right keys, and they compose; bulk disable two keys: the server reports them off', async ({ page, world }) => {
  test.slow() // the setup's audited admin calls
  const { connectionId, call } = await rootConnection(world, 'key-filters-e2e')
  for (const user of [ann, bob]) {
    await call('users.create', { connectionId, accessKey: user, secretKey: randomBytes(15).toString('hex') })
    await call('policies.attach', { connectionId, target: { user }, policies: ['readonly'] })
  }
  const create = (accessKey: string, fields: Record<string, unknown>) =>
    world.services.withIam(connectionId, (iam) => iam.createAccessKey({ accessKey, secretKey: randomBytes(15).toString('hex'), ...fields }))
  await create(keys.never, { targetUser: ann, name: 'never' })
  await create(keys.soon, { targetUser: ann, expiresAt: inDays(5) })
  await create(keys.later, { targetUser: ann, expiresAt: inDays(100) })
  await create(keys.session, { targetUser: ann, policy: JSON.parse(session) })
  await create(keys.bob, { targetUser: bob })
  await call('users.setStatus', { connectionId, accessKey: bob, status: 'disabled' })

  await new IamShell(page).start(world, 'key-filters-e2e', 'Access keys')
  const page_ = new AccessKeysPage(page)
  await page_.filter({ text: tag })
  // MinIO's bulk listing skips a disabled owner; the screen still lists bob's key.
  await expect.poll(() => page_.shownKeys()).toEqual(Object.values(keys).sort())

  await page_.filter({ expiry: 'No expiry' })
  await expect.poll(() => page_.shownKeys()).toEqual([keys.bob, keys.never, keys.session].sort())
  await page_.filter({ expiry: 'Expiring within…', days: '30' })
  await expect.poll(() => page_.shownKeys()).toEqual([keys.soon])
  await page_.filter({ days: '365' })
  await expect.poll(() => page_.shownKeys()).toEqual([keys.later, keys.soon].sort())
  await page_.filter({ days: 'soon' })
  await expect(page_.filters().getByRole('alert')).toContainText('whole number of days')
  await expect.poll(() => page_.shownKeys()).toEqual([])

  await page_.filter({ expiry: 'Any', isParentDisabled: true })
  await expect.poll(() => page_.shownKeys()).toEqual([keys.bob])
  await page_.filter({ isParentDisabled: false, policy: 'Session policy' })
  await expect(page.getByTestId('key-facts-progress')).toHaveCount(0)
  await expect.poll(() => page_.shownKeys()).toEqual([keys.session])
  await page_.filter({ policy: "Inherits the owner's" })
  await expect.poll(() => page_.shownKeys()).toEqual([keys.bob, keys.later, keys.never, keys.soon].sort())
  // Composed with the text filter: inherited and no expiry.
  await page_.filter({ expiry: 'No expiry' })
  await expect.poll(() => page_.shownKeys()).toEqual([keys.bob, keys.never].sort())

  // The selection survives filtering: a key hidden by the filter stays selected.
  await page_.check(keys.never).check()
  await page_.filter({ policy: 'Any', expiry: 'Expiring within…', days: '365' })
  await expect(page_.bulkBar()).toContainText('1 selected')
  await expect(page_.bulkBar()).toContainText('(1 hidden by the filter)')
  await page_.check(keys.later).check()
  await expect(page_.bulkBar()).toContainText('2 selected')

  await page_.bulkBar().getByRole('button', { name: 'Disable selected…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Disable 2 access keys?' })
  await expect(dialog.getByTestId('key-bulk-names')).toContainText(keys.never)
  await expect(dialog.getByTestId('key-bulk-names')).toContainText(keys.later)
  // What the two keys lose (their owner's readonly), from the evaluator, before Confirm.
  const preview = new ImpactPreviewPart(dialog)
  for (const accessKey of [keys.never, keys.later]) await expect(preview.principal('lost', 'accessKey', accessKey)).toContainText('s3:GetObject')
  await expect(preview.principal('lost', 'accessKey', keys.soon)).toHaveCount(0)
  await expect(preview.side('gained')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Disable 2 access keys' }).click()
  const results = page.getByTestId('key-bulk-results')
  await expect(results.getByTestId('key-bulk-summary')).toContainText('2 of 2 done')
  await expect(results.locator(`[data-testid="key-bulk-result"][data-status="ok"]`)).toHaveCount(2)
  await expect(page_.bulkBar()).toHaveCount(0)

  for (const accessKey of [keys.never, keys.later]) {
    expect((await readServer(world, 'key-filters-e2e', (server) => server.getAccessKey(accessKey))).status).toBe('disabled')
  }
  expect((await readServer(world, 'key-filters-e2e', (server) => server.getAccessKey(keys.soon))).status).toBe('enabled')
  const disabled = await world.services.audit.list({ actionPrefix: 'accessKey.disabled' })
  expect(disabled.events.map((event) => event.target.name).sort()).toEqual(expect.arrayContaining([keys.later, keys.never].sort()))
  await expect(page_.row(keys.later).getByTestId('access-key-status')).toContainText('disabled')
})
