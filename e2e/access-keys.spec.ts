import type { Page } from '@playwright/test'
import { test, type GatehouseWorld } from './fixtures.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { UsersPage } from './pages/users.page.ts'
import { readServer } from '../src-main/testbed/worlds/world-seeding.ts'

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

const sessionPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::backups/*'] }] }

/** Opens the one access key of erin-e2e (made by the first test). */
async function openErinKey(page: Page, world: GatehouseWorld): Promise<{ keys: AccessKeysPage; accessKey: string }> {
  await new IamShell(page).start(world, 'keys-e2e', 'Access keys')
  const keys = new AccessKeysPage(page)
  await keys.showFor('erin-e2e')
  await expect(keys.rows()).toHaveCount(1)
  const accessKey = (await keys.rows().first().getAttribute('data-name')) ?? ''
  await keys.rows().first().getByRole('button').click()
  await expect(keys.detail()).toContainText(accessKey)
  return { keys, accessKey }
}

test('disable an access key and see its status', async ({ page, world }) => {
  const { keys } = await openErinKey(page, world)
  await keys.setStatus('Disable')
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

test('edit an access key: name, description, expiry and session policy reach the server', async ({ page, world }) => {
  const { keys, accessKey } = await openErinKey(page, world)
  await expect(keys.detail()).toContainText("inherits the owner's policies")

  const expiry = new Date(Date.now() + 10 * 24 * 3_600_000).toISOString().slice(0, 16) // a datetime-local value
  // What the browser makes of the typed local time, so the check holds in any time zone.
  const expiresAt = await page.evaluate((value) => new Date(value).toISOString(), expiry)
  await keys.edit({ name: 'backup2', description: 'weekly backup', expiry, sessionPolicy: JSON.stringify(sessionPolicy) })
  await expect(keys.detail()).toContainText('restricted by a session policy')

  const onServer = await readServer(world, 'keys-e2e', (server) => server.getAccessKey(accessKey))
  expect(onServer).toMatchObject({ parentUser: 'erin-e2e', name: 'backup2', description: 'weekly backup', status: 'disabled', impliedPolicy: false, policy: sessionPolicy })
  expect(Date.parse(onServer.expiresAt ?? '')).toBe(Date.parse(expiresAt))
  await expect(keys.row(accessKey)).toContainText('backup2')
})

test('a later edit that leaves the session policy alone keeps it on the server', async ({ page, world }) => {
  const { keys, accessKey } = await openErinKey(page, world)
  await expect(keys.detail()).toContainText('restricted by a session policy')
  await keys.edit({ description: 'monthly backup' })
  // The trail's completion is written after MinIO answered (newest first: this edit, then the last test's).
  await expect.poll(async () => {
    const trail = await world.services.audit.list({ actionPrefix: 'accessKey.updated', target: accessKey })
    return trail.events
  }).toMatchObject([{ outcome: { kind: 'ok' }, details: { description: 'monthly backup' } }, { outcome: { kind: 'ok' } }])
  expect(await readServer(world, 'keys-e2e', (server) => server.getAccessKey(accessKey))).toMatchObject({
    description: 'monthly backup', name: 'backup2', impliedPolicy: false, policy: sessionPolicy,
  })
})
