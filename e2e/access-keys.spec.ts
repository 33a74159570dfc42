import { test } from './fixtures.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { UsersPage } from './pages/users.page.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

test('create an access key for a user: the secret is shown once', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'keys-e2e', 'Users')
  const users = new UsersPage(page)
  await users.createAndDismiss('erin-e2e')
  await users.select('erin-e2e')
  await users.attach('readonly') // MinIO refuses keys for users without policies

  await shell.open('Access keys')
  const keys = new AccessKeysPage(page)
  await keys.create({ owner: 'erin-e2e', name: 'backup', description: 'nightly backup' })
  const secret = keys.secretOnce()
  await expect(secret).toBeVisible()
  await expect(secret.getByRole('button', { name: 'Copy secret' })).toBeVisible()
  const accessKey = await secret.getByTestId('secret-access-key').innerText()
  const value = await secret.getByTestId('secret-value').innerText()
  expect(value.length).toBeGreaterThanOrEqual(8)
  await secret.getByRole('button', { name: 'I have saved it' }).click()
  await expect(secret).toBeHidden()
  await expect(page.getByText(value)).toHaveCount(0)
  await expect(keys.row(accessKey)).toContainText('erin-e2e')

  await keys.row(accessKey).getByRole('button').click()
  await expect(keys.detail()).toContainText('erin-e2e')
  await expect(keys.detail()).not.toContainText(value)
})

test('disable an access key and see its status', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'keys-e2e', 'Access keys')
  const keys = new AccessKeysPage(page)
  await keys.showFor('erin-e2e')
  await expect(keys.rows()).toHaveCount(1)
  await keys.rows().first().getByRole('button').click()
  await keys.detail().getByRole('button', { name: 'Disable', exact: true }).click()
  await expect(keys.detail().getByTestId('status')).toHaveText('disabled')
})

test('a session policy MinIO would refuse is flagged while typing', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'keys-e2e', 'Access keys')
  const form = await new AccessKeysPage(page).openCreateForm()
  await form.getByLabel('Session policy (JSON)').fill('{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}')
  await expect(form.getByRole('list', { name: 'Session policy issues' })).toContainText('Maybe')
  await form.getByLabel('Session policy (JSON)').fill('')
  await expect(form.getByRole('list', { name: 'Session policy issues' })).toHaveCount(0)
})
