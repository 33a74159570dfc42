import type { Page } from '@playwright/test'
import { test, type GatehouseWorld } from './fixtures.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { GroupsPage } from './pages/groups.page.ts'
import { expect, IamShell, removeConnections, type IamSection } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { UsersPage } from './pages/users.page.ts'
import { rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'

// One state per connection: what a screen shows (and the buttons that act on it) belongs to the
// connection it was loaded for. Each test opens something on an admin connection, switches to a
// limited one (a user with S3 read-only rights, so every admin call is refused), and checks that
// nothing of the admin view is left and that the screen shows the limited connection's own answer.
test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

const LIMITED_SECRET = 'switch-limited-secret-1'
let accessKey = ''

test.beforeAll(async ({ world }) => {
  const { connectionId, call } = await rootConnection(world, 'switch-admin')
  await call('users.create', { connectionId, accessKey: 'switch-owner', secretKey: 'switch-owner-secret-1' })
  await call('users.create', { connectionId, accessKey: 'switch-limited', secretKey: LIMITED_SECRET })
  for (const user of ['switch-owner', 'switch-limited']) await call('policies.attach', { connectionId, target: { user }, policies: ['readonly'] })
  await call('groups.create', { connectionId, name: 'switch-group', members: ['switch-owner'] })
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::switch/*'] }] })
  await call('policies.create', { connectionId, name: 'switch-policy', text })
  const created = (await call('accessKeys.create', { connectionId, targetUser: 'switch-owner', name: 'switch-key' })) as { accessKey: string }
  accessKey = created.accessKey
  await world.services.connections.create({
    name: 'switch-limited', endpoint: world.minio.endpoint, accessKey: 'switch-limited', secretKey: LIMITED_SECRET, tls: { allowSelfSigned: false },
  })
})

async function openAsAdmin(page: Page, world: GatehouseWorld, section: IamSection): Promise<IamShell> {
  const shell = new IamShell(page)
  await shell.start(world, 'switch-admin', section)
  return shell
}

async function switchToLimited(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'switch-limited' })
}

test('Users: the open user, its Delete button and the list go; the limited connection is asked again', async ({ page, world }) => {
  const shell = await openAsAdmin(page, world, 'Users')
  const users = new UsersPage(page)
  await users.select('switch-owner')
  await switchToLimited(page)
  await expect(shell.errorNotice()).toContainText('Could not list users')
  await expect(users.detail()).toHaveCount(0)
  await expect(users.row('switch-owner')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Delete user' })).toHaveCount(0)
})

test('Groups: the open group and its actions go', async ({ page, world }) => {
  const shell = await openAsAdmin(page, world, 'Groups')
  const groups = new GroupsPage(page)
  await groups.row('switch-group').click()
  await expect(page.getByTestId('group-detail')).toContainText('switch-owner')
  await switchToLimited(page)
  await expect(shell.errorNotice()).toContainText('Could not list groups')
  await expect(page.getByTestId('group-detail')).toHaveCount(0)
  await expect(groups.row('switch-group')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Delete group' })).toHaveCount(0)
})

test('Policies: the open editor with the other server\'s document goes', async ({ page, world }) => {
  const shell = await openAsAdmin(page, world, 'Policies')
  const policies = new PoliciesPage(page)
  await policies.select('switch-policy')
  await switchToLimited(page)
  await expect(shell.errorNotice()).toContainText('Could not list policies')
  await expect(policies.editor()).toHaveCount(0)
  await expect(policies.row('switch-policy')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Delete policy' })).toHaveCount(0)
})

test('Access keys: the other server\'s key and its live "Delete key" button go', async ({ page, world }) => {
  await openAsAdmin(page, world, 'Access keys')
  const keys = new AccessKeysPage(page)
  await keys.row(accessKey).getByRole('button').click()
  await expect(keys.detail()).toContainText(accessKey)
  await expect(page.getByRole('button', { name: 'Delete key' })).toBeVisible()
  await switchToLimited(page)
  await expect(page.getByTestId('error-notice')).toContainText('Could not list access keys')
  await expect(keys.detail()).toHaveCount(0)
  await expect(keys.row(accessKey)).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Delete key' })).toHaveCount(0)
})

test('switching back reloads the admin view: nothing of the limited one is left', async ({ page, world }) => {
  const shell = await openAsAdmin(page, world, 'Users')
  await switchToLimited(page)
  await expect(shell.errorNotice()).toContainText('Could not list users')
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'switch-admin' })
  await expect(new UsersPage(page).row('switch-owner')).toBeVisible()
  await expect(shell.errorNotice()).toHaveCount(0)
})
