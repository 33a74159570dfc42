import type { Page } from '@playwright/test'
import { SCALE, scaleNames } from '../src-main/testbed/worlds/scale-deployment.ts'
import { test, type ScaleWorld } from './fixtures.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { GroupsPage } from './pages/groups.page.ts'
import { expect, IamShell, pick } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { UsersPage } from './pages/users.page.ts'

// The IAM screens on a real MinIO holding 10,000 users, 200 groups, 500 policies and 2,000 access
// keys (made once per worker by the scaleWorld fixture). Like every spec, each test fails on any
// page or console error (the effect loop of the old VirtualList made dozens here).
test.describe.configure({ mode: 'serial', timeout: 180_000 })

const lastUser = scaleNames.user(SCALE.users - 1)

async function open(page: Page, world: ScaleWorld, section: 'Users' | 'Groups' | 'Policies' | 'Access keys'): Promise<IamShell> {
  const shell = new IamShell(page)
  await shell.start(world, 'scale', section)
  return shell
}

test('Users: 10,000 rows, only the visible ones in the page; scrolling, filter and selection by name', async ({ page, scaleWorld }) => {
  await open(page, scaleWorld, 'Users')
  const users = new UsersPage(page)
  await expect(users.list()).toHaveAttribute('data-count', String(SCALE.users))
  expect(await users.list().getByRole('listitem').count()).toBeLessThan(60)

  // The selection is kept by name: it survives its row leaving the DOM and coming back.
  await users.check(scaleNames.user(1)).check()
  await users.list().evaluate((list) => list.scrollTo(0, list.scrollHeight))
  await expect(users.row(lastUser)).toBeVisible()
  await expect(users.row(scaleNames.user(1))).toHaveCount(0)
  await users.list().evaluate((list) => list.scrollTo(0, 0))
  await expect(users.check(scaleNames.user(1))).toBeChecked()

  await users.filter('scale-user-0998')
  await expect(users.list()).toHaveAttribute('data-count', '10')
  await users.selectAllShown().check()
  await expect(users.bulkCount()).toHaveText('11 selected')
  await expect(users.bulkBar()).toContainText('(1 hidden by the filter)')

  // A row opened from the filtered list is highlighted and its detail read from the server.
  await users.select(scaleNames.user(9985))
  await expect(users.row(scaleNames.user(9985))).toHaveClass(/selected/)
  await expect(users.detail().getByRole('list', { name: 'Groups of the user' })).toContainText(scaleNames.group(199))

  // Clearing the filter keeps the selected row in view, 9,985 rows down the whole list.
  await users.filter('')
  await expect(users.list()).toHaveAttribute('data-count', String(SCALE.users))
  await expect(users.row(scaleNames.user(9985))).toBeInViewport()
  await expect(users.row(scaleNames.user(1))).toHaveCount(0)
})

test('Groups: 200 groups of 50 members; the member picker searches 10,000 users', async ({ page, scaleWorld }) => {
  await open(page, scaleWorld, 'Groups')
  const groups = new GroupsPage(page)
  await expect(page.getByRole('list', { name: 'Groups' }).getByTestId('group-row')).toHaveCount(SCALE.groups)
  await groups.select(scaleNames.group(7))
  await expect(groups.members()).toContainText(scaleNames.user(7 * 50))
  const picker = groups.detail().getByRole('combobox', { name: 'User to add' })
  await picker.fill('user-0999')
  const options = page.getByRole('listbox', { name: 'User to add options' })
  await expect(options).toHaveAttribute('data-count', '10')
  // Keyboard: ArrowDown twice and Enter choose the third match.
  await picker.press('ArrowDown')
  await picker.press('ArrowDown')
  await picker.press('Enter')
  await expect(picker).toHaveValue(scaleNames.user(9992))
  await groups.detail().getByRole('button', { name: 'Add member', exact: true }).click()
  // The confirmation's impact preview reads only what the change reaches (the user, its groups and
  // keys, every policy and mapping), so at 10,000 users it answers within its read budget.
  const confirm = page.getByRole('dialog', { name: new RegExp(`^Add ${scaleNames.user(9992)} to group `) })
  const preview = confirm.getByTestId('impact-preview')
  const asked = Date.now()
  await expect(preview).not.toHaveAttribute('data-status', 'loading', { timeout: 40_000 })
  const status = await preview.getAttribute('data-status')
  expect(status).toBe('ready')
  console.log(`impact preview of adding a member at 10,000 users: ${status} after ${Date.now() - asked} ms`)
  await confirm.getByRole('button', { name: 'Add member', exact: true }).click()
  await expect(groups.members()).toContainText(scaleNames.user(9992))
})

test('Policies: 500 of them plus the built-ins; the filter finds one and its users are named', async ({ page, scaleWorld }) => {
  await open(page, scaleWorld, 'Policies')
  const policies = new PoliciesPage(page)
  await expect(policies.row(scaleNames.policy(499))).toBeVisible()
  await page.getByRole('searchbox', { name: 'Filter policies' }).fill('scale-policy-0')
  await expect(page.getByRole('list', { name: 'Policies' }).getByTestId('policy-row')).toHaveCount(100)
  await policies.select(scaleNames.policy(3))
  // Policy 3 is attached to group 3 and to users 3, 503, 1003 and 1503 (the access-key owners).
  await expect(policies.usage().getByTestId('policy-entities')).toContainText(`group ${scaleNames.group(3)}`)
  await expect(policies.usage().getByTestId('policy-entities')).toContainText(`user ${scaleNames.user(1503)}`)
})

test('Access keys: every user\'s 2,000 keys, read step by step with progress; one user\'s keys; the owner picker', async ({ page, scaleWorld }) => {
  await open(page, scaleWorld, 'Access keys')
  const keys = new AccessKeysPage(page)
  await expect(keys.list()).toHaveAttribute('data-count', String(SCALE.accessKeys), { timeout: 120_000 })
  await expect(page.getByTestId('access-keys-progress')).toHaveCount(0)
  // Virtualised: only the visible rows are in the page; the last one is reached by scrolling.
  expect(await keys.rows().count()).toBeLessThan(60)
  await keys.list().evaluate((list) => list.scrollTo(0, list.scrollHeight))
  await expect(keys.row(scaleNames.accessKey(SCALE.accessKeys - 1))).toBeVisible()
  await expect(page.getByTestId('error-notice')).toHaveCount(0)

  // Stop: no further step is asked for; the keys read so far stay, and the screen says nothing is loading.
  await page.getByRole('button', { name: 'Refresh' }).click()
  const progress = page.getByTestId('access-keys-progress')
  await expect(progress).toContainText('of 10,000 users done')
  await progress.getByRole('button', { name: 'Stop' }).click()
  await expect(progress).toHaveCount(0)
  expect(Number(await keys.list().getAttribute('data-count'))).toBeLessThan(SCALE.accessKeys)

  const form = await keys.openCreateForm()
  await pick(form.getByRole('combobox', { name: 'Owner' }), scaleNames.user(1999))
  await expect(form.getByRole('combobox', { name: 'Owner' })).toHaveValue(scaleNames.user(1999))
})
