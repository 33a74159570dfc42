import type { Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { test, type GatehouseWorld } from './fixtures.ts'
import { GroupsPage } from './pages/groups.page.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { UsersPage } from './pages/users.page.ts'
import { readServer } from '../src-main/testbed/worlds/world-seeding.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

test('create a group with a member, then see the membership on the user', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'groups-e2e', 'Users')
  const users = new UsersPage(page)
  await users.createAndDismiss('carol-e2e')

  await shell.open('Groups')
  const groups = new GroupsPage(page)
  await groups.create('auditors-e2e', ['carol-e2e'])
  await groups.select('auditors-e2e')
  await expect(groups.members()).toContainText('carol-e2e')

  await shell.open('Users')
  await users.select('carol-e2e')
  await expect(users.detail().getByRole('list', { name: 'Groups of the user' })).toContainText('auditors-e2e')
})

async function openGroup(page: Page, world: GatehouseWorld, name: string): Promise<{ shell: IamShell; groups: GroupsPage }> {
  const shell = new IamShell(page)
  await shell.start(world, 'groups-e2e', 'Groups')
  const groups = new GroupsPage(page)
  await groups.select(name)
  return { shell, groups }
}

test('disabling a group explains that its members lose all access', async ({ page, world }) => {
  const { groups } = await openGroup(page, world, 'auditors-e2e')
  await groups.disable('auditors-e2e')
  await expect(groups.detail().getByTestId('group-disabled')).toContainText('denies its members everything')
  await groups.enable('auditors-e2e')
  await expect(groups.detail().getByTestId('group-disabled')).toHaveCount(0)
})

test('deleting a non-empty group: the confirmation says MinIO would refuse, names the members, and one confirm removes them and deletes it', async ({ page, world }) => {
  const { shell, groups } = await openGroup(page, world, 'auditors-e2e')
  const dialog = await groups.askDelete('auditors-e2e')
  await expect(dialog.getByTestId('confirm-refusal')).toContainText('MinIO deletes only empty groups')
  await expect(dialog.getByTestId('confirm-names')).toHaveText('carol-e2e')
  // The focus starts on Cancel: Enter on a just-opened confirmation destroys nothing.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Remove 1 member and delete group' }).click()
  await expect(groups.row('auditors-e2e')).toHaveCount(0)
  await expect(shell.errorNotice()).toHaveCount(0)
  const left = await readServer(world, 'groups-e2e', async (server) => ({ groups: await server.listGroups(), carol: (await server.getUser('carol-e2e')).accessKey }))
  expect(left.groups).not.toContain('auditors-e2e')
  expect(left.carol).toBe('carol-e2e')
})

test('add one member to an existing group and remove another, as the server sees it', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.connect(world, 'groups-e2e')
  const iam = await world.services.iam('groups-e2e')
  try {
    await iam.createUser({ accessKey: 'gina-e2e', secretKey: randomBytes(20).toString('base64url') })
    await iam.createGroup('writers-e2e', ['carol-e2e'])
  } finally {
    iam.close()
  }
  const onServer = () => readServer(world, 'groups-e2e', async (server) => ({
    members: (await server.getGroup('writers-e2e')).members,
    carolIn: (await server.getUser('carol-e2e')).memberOf,
    ginaIn: (await server.getUser('gina-e2e')).memberOf,
  }))
  await shell.open('Groups')
  const groups = new GroupsPage(page)
  await groups.select('writers-e2e')

  await groups.addMember('gina-e2e')
  await expect(groups.members()).toContainText('gina-e2e')
  expect(await onServer()).toEqual({ members: ['carol-e2e', 'gina-e2e'], carolIn: ['writers-e2e'], ginaIn: ['writers-e2e'] })

  await groups.removeMember('carol-e2e')
  await expect(groups.members()).not.toContainText('carol-e2e')
  await expect(groups.members()).toContainText('gina-e2e')
  expect(await onServer()).toEqual({ members: ['gina-e2e'], carolIn: [], ginaIn: ['writers-e2e'] })
})
