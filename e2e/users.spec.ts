import { join } from 'node:path'
import { test } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { UsersPage } from './pages/users.page.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

test('create a user: the secret is shown once, then the user is listed', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await users.create('alice-e2e')
  const secret = users.secretOnce()
  await expect(secret).toBeVisible()
  await expect(secret.getByTestId('secret-access-key')).toHaveText('alice-e2e')
  const value = await secret.getByTestId('secret-value').innerText()
  expect(value).toHaveLength(40)
  await secret.getByRole('button', { name: 'I have saved it' }).click()
  await expect(secret).toBeHidden()
  await expect(page.getByText(value)).toHaveCount(0)
  await expect(users.row('alice-e2e')).toBeVisible()

  // The change went through the audited layer: one event, and no secret in it.
  const trail = await world.services.audit.list({ actionPrefix: 'user.created', target: 'alice-e2e' })
  expect(trail.ok && trail.value.events.map((event) => event.action)).toEqual(['user.created'])
  expect(JSON.stringify(trail)).not.toContain(value)
})

test('attach a policy and see it in the user detail and the effective access', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await users.select('alice-e2e')
  await expect(users.detail().getByTestId('denied-all')).toContainText('No policy')
  await users.attach('readwrite')
  await expect(users.effectivePolicies().getByRole('row', { name: /readwrite/ })).toContainText('yes')
  await expect(users.detail().getByTestId('denied-all')).toHaveCount(0)
  await expect(users.row('alice-e2e')).toContainText('1 pol')
  // The README's screenshot is refreshed on request only, so ordinary runs leave the tree clean.
  const folder = process.env.GATEHOUSE_UPDATE_SCREENSHOTS ? 'docs' : 'test-results'
  await page.screenshot({ path: join(import.meta.dirname, '..', folder, 'screenshot-iam.png') })
})

test('a name MinIO would store as a path is refused with a clear message', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  await new UsersPage(page).create('team/bob')
  await expect(shell.errorNotice()).toHaveAttribute('data-code', 'INVALID_INPUT')
  await expect(shell.errorNotice()).toContainText('letters, digits')
})

test('the filter narrows the virtualised list', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await users.createAndDismiss('zed-e2e')
  await users.filter('zed')
  await expect(users.row('zed-e2e')).toBeVisible()
  await expect(users.row('alice-e2e')).toHaveCount(0)
})

test('10,000 users: only the visible rows are in the page, and the filter finds the last one', async ({ page, world }) => {
  // The renderer's scaling, not MinIO's: creating 10,000 real users costs hours of server Argon2
  // (§2.7), so this one answer of Gatehouse's own users.list channel is replaced in the browser.
  const many = Array.from({ length: 10_000 }, (_, index) => ({ accessKey: `user-${String(index).padStart(5, '0')}`, status: 'enabled', policies: [], memberOf: [] }))
  await page.route('**/api/invoke/users.list', (route) => route.fulfill({ json: { ok: true, value: many } }))
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await expect(users.list()).toHaveAttribute('data-count', '10000')
  expect(await users.list().getByRole('listitem').count()).toBeLessThan(60)
  await users.filter('user-09999')
  await expect(users.row('user-09999')).toBeVisible()
  await expect(users.list()).toHaveAttribute('data-count', '1')
})
