import type { Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { AdminClient } from '../src-main/minio/index.ts'
import { test, type GatehouseWorld } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { UsersPage } from './pages/users.page.ts'
import { readServer, rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'

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
  expect(trail.events.map((event) => event.action)).toEqual(['user.created'])
  expect(JSON.stringify(trail)).not.toContain(value)
})

test('attach a policy and see it in the user detail and the effective access', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await users.select('alice-e2e')
  await expect(users.row('alice-e2e')).toHaveClass(/selected/)
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

/** The user whose secret, status and existence the next tests change; its new secret, typed by the admin. */
const frank = { accessKey: 'frank-e2e', secretKey: randomBytes(20).toString('base64url') }

/** A real request signed with a user's own credentials: account info, which any valid credential may read. */
async function signIn(world: GatehouseWorld, secretKey: string): Promise<string> {
  const client = new AdminClient({ endpoint: world.minio.endpoint, accessKey: frank.accessKey, secretKey })
  try {
    return (await client.accountInfo()).accountName
  } finally {
    client.close()
  }
}

async function openFrank(page: Page, world: GatehouseWorld): Promise<UsersPage> {
  await new IamShell(page).start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await users.select(frank.accessKey)
  return users
}

test('change a user\'s secret: the new one signs requests, the old one is refused', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'users-e2e', 'Users')
  const users = new UsersPage(page)
  await users.create(frank.accessKey)
  const oldSecret = await users.secretShown()
  await users.dismissSecret()
  await users.select(frank.accessKey)
  await users.changeSecret(frank.secretKey)
  await expect(users.secretOnce().getByTestId('secret-value')).toHaveText(frank.secretKey)
  await users.dismissSecret()
  await expect(page.getByText(frank.secretKey)).toHaveCount(0)

  expect(await signIn(world, frank.secretKey)).toBe(frank.accessKey)
  await expect(signIn(world, oldSecret)).rejects.toMatchObject({ code: 'MINIO_AUTH_FAILED', message: expect.stringContaining('SignatureDoesNotMatch') })
  const trail = await world.services.audit.list({ actionPrefix: 'user.secretChanged', target: frank.accessKey })
  expect(trail.events.map((event) => event.outcome)).toEqual([{ kind: 'ok' }])
  expect(JSON.stringify(trail)).not.toContain(frank.secretKey)
})

test('disable a user: list, detail and server agree and it cannot sign in; enabling restores it', async ({ page, world }) => {
  const users = await openFrank(page, world)
  const serverStatus = () => readServer(world, 'users-e2e', async (server) => (await server.getUser(frank.accessKey)).status)
  await users.setStatus('Disable')
  await expect(users.status()).toHaveText('disabled')
  await expect(users.row(frank.accessKey).getByTestId('status')).toHaveText('disabled')
  expect(await serverStatus()).toBe('disabled')
  await expect(signIn(world, frank.secretKey)).rejects.toMatchObject({ code: 'MINIO_AUTH_FAILED', message: expect.stringContaining('disabled') })

  await users.setStatus('Enable')
  await expect(users.status()).toHaveText('enabled')
  await expect(users.row(frank.accessKey).getByTestId('status')).toHaveText('enabled')
  expect(await serverStatus()).toBe('enabled')
  expect(await signIn(world, frank.secretKey)).toBe(frank.accessKey)
})

test('delete a user after confirming: the row goes, the server forgets it, the trail records it', async ({ page, world }) => {
  const users = await openFrank(page, world)
  await users.delete(frank.accessKey)
  await expect(users.row(frank.accessKey)).toHaveCount(0)
  await expect(users.detail()).toHaveCount(0)
  await expect(readServer(world, 'users-e2e', (server) => server.getUser(frank.accessKey))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  const trail = await world.services.audit.list({ actionPrefix: 'user.deleted', target: frank.accessKey })
  expect(trail.events).toEqual([
    expect.objectContaining({ action: 'user.deleted', outcome: { kind: 'ok' }, before: expect.objectContaining({ accessKey: frank.accessKey, status: 'enabled' }) }),
  ])
})

/** Users the bulk tests act on, made on the server directly (not through the UI, to keep them fast). */
const crew = ['crew-a-e2e', 'crew-b-e2e', 'crew-c-e2e']
const serverUser = (world: GatehouseWorld, accessKey: string) => readServer(world, 'users-e2e', (server) => server.getUser(accessKey))

async function openUsers(page: Page, world: GatehouseWorld): Promise<UsersPage> {
  await new IamShell(page).start(world, 'users-e2e', 'Users')
  return new UsersPage(page)
}

test('bulk: select the users shown and attach a policy: each has it on the server', async ({ page, world }) => {
  const users = await openUsers(page, world)
  const iam = await world.services.iam('users-e2e')
  try {
    for (const accessKey of crew) await iam.createUser({ accessKey, secretKey: randomBytes(20).toString('base64url') })
  } finally {
    iam.close()
  }
  await users.refresh()
  await users.filter('crew-')
  await expect(users.list()).toHaveAttribute('data-count', '3')
  await users.selectAllShown().check()
  await expect(users.bulkCount()).toHaveText('3 selected')
  // The selection is kept by name: clearing the filter shows more rows and keeps exactly these checked.
  await users.filter('')
  await expect(users.bulkCount()).toHaveText('3 selected')
  await expect(users.checked()).toHaveCount(3)
  await expect(users.check(crew[0] as string)).toBeChecked()

  const dialog = await users.bulk('Attach policy', 'Attach policy to 3 users?', { picker: 'Policy', name: 'diagnostics' })
  await expect(dialog.getByTestId('bulk-confirm-text')).toHaveText("Attach policy 'diagnostics' to 3 users. Users that already have it are left as they are.")
  await dialog.getByRole('button', { name: 'Attach', exact: true }).click()
  await expect(users.bulkResults().getByTestId('bulk-summary')).toHaveText('3 of 3 done.')
  for (const accessKey of crew) expect((await serverUser(world, accessKey)).policies).toEqual(['diagnostics'])
  await expect(users.row(crew[2] as string)).toContainText('1 pol')
  // Everyone succeeded, so nobody stays selected.
  await expect(users.bulkBar()).toHaveCount(0)
})

test('bulk: select two users and disable them: the server says disabled, the third is untouched', async ({ page, world }) => {
  const users = await openUsers(page, world)
  const [first, second, third] = crew as [string, string, string]
  await users.check(first).check()
  await users.check(second).check()
  await expect(users.bulkCount()).toHaveText('2 selected')
  const dialog = await users.bulk('Disable', 'Disable 2 users?')
  await dialog.getByRole('button', { name: 'Disable', exact: true }).click()
  await expect(users.bulkResults().getByTestId('bulk-summary')).toHaveText('2 of 2 done.')
  await expect(users.row(first).getByTestId('status')).toHaveText('disabled')
  expect([(await serverUser(world, first)).status, (await serverUser(world, second)).status, (await serverUser(world, third)).status]).toEqual(['disabled', 'disabled', 'enabled'])
  const trail = await world.services.audit.list({ actionPrefix: 'user.disabled' })
  expect(trail.events.map((event) => event.target.name).filter((name) => crew.includes(name)).sort()).toEqual([first, second])

  // MinIO refuses to change a disabled user's policies: that user fails, with its message, and stays selected for a retry.
  await users.bulkResults().getByRole('button', { name: 'Dismiss' }).click()
  await users.check(first).check()
  await users.check(third).check()
  const attach = await users.bulk('Attach policy', 'Attach policy to 2 users?', { picker: 'Policy', name: 'readonly' })
  await expect(attach).toContainText('1 of them is disabled')
  await attach.getByRole('button', { name: 'Attach', exact: true }).click()
  await expect(users.bulkResults().getByTestId('bulk-summary')).toHaveText('1 of 2 done, 1 failed.')
  await expect(users.bulkResults().getByTestId('bulk-problem')).toHaveAttribute('data-name', first)
  await expect(users.bulkResults().getByTestId('bulk-problem')).toContainText(first)
  await expect(users.bulkCount()).toHaveText('1 selected')
  await expect(users.check(first)).toBeChecked()
  expect((await serverUser(world, third)).policies).toEqual(['diagnostics', 'readonly'])
})

test('bulk: delete a user after a confirmation that says it cannot be undone: the server forgets it', async ({ page, world }) => {
  const users = await openUsers(page, world)
  const victim = crew[2] as string
  await users.check(victim).check()
  const dialog = await users.bulk('Delete', 'Delete 1 user?')
  await expect(dialog.getByTestId('bulk-confirm-text')).toContainText('This cannot be undone.')
  await dialog.getByRole('button', { name: 'Delete 1 user' }).click()
  await expect(users.bulkResults().getByTestId('bulk-summary')).toHaveText('1 of 1 done.')
  await expect(users.row(victim)).toHaveCount(0)
  await expect(serverUser(world, victim)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  expect((await serverUser(world, crew[0] as string)).accessKey).toBe(crew[0])
})

test('bulk: a selection never follows to another connection, even one whose server has the same users', async ({ page, world }) => {
  // A second connection to the same server: the same user names, so a carried-over selection would stick.
  await rootConnection(world, 'users-e2e-twin')
  const users = await openUsers(page, world)
  await users.check(crew[0] as string).check()
  await expect(users.bulkCount()).toHaveText('1 selected')
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'users-e2e-twin' })
  await expect(users.row(crew[0] as string)).toBeVisible()
  await expect(users.check(crew[0] as string)).not.toBeChecked()
  await expect(users.bulkBar()).toHaveCount(0)
})

test('create a user with a policy and a group in one form, under a filter that would hide it; a reload stays on Users', async ({ page, world }) => {
  const iam = await world.services.iam('users-e2e')
  try {
    await iam.createGroup('one-form-crew', ['alice-e2e'])
  } finally {
    iam.close()
  }
  const users = await openUsers(page, world)
  await users.filter('no-such-user')
  await users.create('one-form-e2e', { policies: ['readonly'], groups: ['one-form-crew'] })
  await users.dismissSecret()
  // The filter that would hide the new user was cleared; the user is open with its access.
  await expect(users.row('one-form-e2e')).toBeVisible()
  await expect(users.attachedPolicies()).toContainText('readonly')
  await expect(users.detail().getByRole('list', { name: 'Groups of the user' })).toContainText('one-form-crew')
  const onServer = await readServer(world, 'users-e2e', (server) => server.getUser('one-form-e2e'))
  expect([onServer.policies, onServer.memberOf]).toEqual([['readonly'], ['one-form-crew']])

  await page.reload()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
})
