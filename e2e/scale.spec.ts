import type { Page } from '@playwright/test'
import { AdminTransport } from '../src-main/minio/transport.ts'
import { s3Client } from '../src-main/storage/bucket-reader.ts'
import { SCALE, SCALE_SECRETS, scaleBucket, scaleGroupSize, scaleHolders, scaleNames, scalePoliciesOf } from '../src-main/testbed/worlds/scale-deployment.ts'
import { test, type ScaleWorld } from './fixtures.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { AccessPage } from './pages/access.page.ts'
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

// ── The Access screen at 10,000 users ──

const wide = { policy: 'scale-wide', bucket: 'scale-wide', groups: Array.from({ length: SCALE.groups / 2 }, (_, index) => SCALE.groups / 2 + index) }

async function openAccess(page: Page, world: ScaleWorld): Promise<AccessPage> {
  const shell = new IamShell(page)
  await shell.connect(world, 'scale')
  const access = new AccessPage(page)
  await access.open()
  return access
}

/** Whether the server lets `who` (its own credentials) read `bucket/key`: AccessDenied is no. */
async function canGetLive(world: ScaleWorld, who: { accessKey: string; secretKey: string }, bucket: string, key: string): Promise<boolean> {
  const client = s3Client({ endpoint: world.minio.endpoint, ...who })
  try {
    const stream = await client.getObject(bucket, key)
    for await (const _ of stream) void _
    return true
  } catch (error) {
    if ((error as { code?: string }).code === 'AccessDenied') return false
    throw error
  }
}

test('Access: who can read an object of a scale bucket — the users, keys and group the deployment grants, as the server answers', async ({ page, scaleWorld }) => {
  const index = 3
  const bucket = scaleBucket(index)
  const root = s3Client({ endpoint: scaleWorld.minio.endpoint, accessKey: scaleWorld.minio.rootAccessKey, secretKey: scaleWorld.minio.rootSecretKey })
  if (!(await root.bucketExists(bucket))) await root.makeBucket(bucket)
  await root.putObject(bucket, 'report.csv', Buffer.from('a,b\n'))
  const expected = scaleHolders(index)
  const access = await openAccess(page, scaleWorld)

  const asked = Date.now()
  await access.whoCan('s3:GetObject', `${bucket}/report.csv`)
  const summary = access.whoCanSummary()
  await expect(summary.or(page.getByTestId('error-notice'))).toBeVisible({ timeout: 40_000 })
  console.log(`who-can s3:GetObject on ${bucket}/report.csv at 10,000 users: users and groups ready after ${Date.now() - asked} ms`)
  await expect(page.getByTestId('error-notice')).toHaveCount(0)
  await expect(summary).toHaveAttribute('data-users', String(expected.users.length))
  await expect(summary.or(page.getByTestId('error-notice'))).toHaveAttribute('data-keys-read', 'true', { timeout: 40_000 })
  console.log(`who-can s3:GetObject on ${bucket}/report.csv at 10,000 users: with the access keys ready after ${Date.now() - asked} ms`)
  await expect(summary).toHaveAttribute('data-users', String(expected.users.length))
  await expect(summary).toHaveAttribute('data-access-keys', String(expected.accessKeys.length))
  await expect(summary).toHaveAttribute('data-groups', String(expected.groups.length))
  await expect(summary).toContainText(`${expected.users.length + expected.accessKeys.length + expected.groups.length} may s3:GetObject on ${bucket}/report.csv`)

  // Every name the deployment grants is in the answer (the list is virtualised: found through the filter).
  const names = [...expected.users, ...expected.accessKeys, ...expected.groups]
  for (const name of [names[0], expected.users.at(-1), expected.accessKeys[0], expected.groups[0]] as string[]) {
    await access.filterWhoCan(name)
    await expect(access.whoCanList()).toHaveAttribute('data-count', '1')
    await expect(access.whoCanRow(name)).toContainText(scaleNames.policy(index))
  }
  await access.filterWhoCan('')
  await expect(access.whoCanList()).toHaveAttribute('data-count', String(names.length))
  expect(await access.whoCanRows().count()).toBeLessThan(60)

  // The server agrees, asked with each principal's own credentials: a group member, a user with the
  // policy of its own, an access key, and a user of another group, who is not in the answer.
  const member = scaleNames.user(index * scaleGroupSize() + 25)
  expect(expected.users).toContain(member)
  for (const who of [member, scaleNames.user(index)]) expect(await canGetLive(scaleWorld, { accessKey: who, secretKey: SCALE_SECRETS.user }, bucket, 'report.csv'), who).toBe(true)
  expect(await canGetLive(scaleWorld, { accessKey: expected.accessKeys[0] as string, secretKey: SCALE_SECRETS.accessKey }, bucket, 'report.csv')).toBe(true)
  const outsider = scaleNames.user(SCALE.users - 1)
  expect(names).not.toContain(outsider)
  expect(await canGetLive(scaleWorld, { accessKey: outsider, secretKey: SCALE_SECRETS.user }, bucket, 'report.csv')).toBe(false)
})

test('Access: who can, answered for 5,000 users and 100 groups, counts them and keeps only the visible rows in the page', async ({ page, scaleWorld }) => {
  const transport = new AdminTransport({ endpoint: scaleWorld.minio.endpoint, accessKey: scaleWorld.minio.rootAccessKey, secretKey: scaleWorld.minio.rootSecretKey, timeoutMs: 60_000 })
  const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${wide.bucket}/*`] }] }
  // Setup with raw admin calls (plain bodies, no Argon2): the policy joins the group's own.
  const setPolicies = (group: number, policies: string[]) =>
    transport.send({ method: 'PUT', path: '/set-user-or-group-policy', query: { policyName: policies.join(','), userOrGroup: scaleNames.group(group), isGroup: 'true' }, operation: 'scale setup' })
  await transport.send({ method: 'PUT', path: '/add-canned-policy', query: { name: wide.policy }, body: Buffer.from(JSON.stringify(document)), operation: 'scale setup' })
  try {
    for (const group of wide.groups) await setPolicies(group, [scaleNames.policy(group % SCALE.policies), wide.policy])
    const members = wide.groups.length * scaleGroupSize()
    const access = await openAccess(page, scaleWorld)
    const asked = Date.now()
    await access.whoCan('s3:GetObject', `${wide.bucket}/any/object`)
    await expect(access.whoCanSummary().or(page.getByTestId('error-notice'))).toBeVisible({ timeout: 40_000 })
    console.log(`who-can for ${members} users and ${wide.groups.length} groups at 10,000 users: users and groups ready after ${Date.now() - asked} ms`)
    await expect(page.getByTestId('error-notice')).toHaveCount(0)
    await expect(access.whoCanSummary().or(page.getByTestId('error-notice'))).toHaveAttribute('data-keys-read', 'true', { timeout: 40_000 })
    console.log(`who-can for ${members} users and ${wide.groups.length} groups at 10,000 users: with the access keys ready after ${Date.now() - asked} ms`)
    await expect(page.getByTestId('error-notice')).toHaveCount(0)
    await expect(access.whoCanSummary()).toHaveAttribute('data-users', String(members))
    await expect(access.whoCanSummary()).toHaveAttribute('data-groups', String(wide.groups.length))
    // Those users own no access key (only the first 2,000 do).
    await expect(access.whoCanSummary()).toHaveAttribute('data-access-keys', '0')
    await expect(access.whoCanSummary()).toContainText(`${(members + wide.groups.length).toLocaleString('en-US')} may s3:GetObject`)
    await expect(access.whoCanList()).toHaveAttribute('data-count', String(members + wide.groups.length))
    expect(await access.whoCanRows().count()).toBeLessThan(60)
    await access.whoCanList().evaluate((list) => list.scrollTo(0, list.scrollHeight))
    await expect(access.whoCanRow(scaleNames.group(SCALE.groups - 1))).toBeVisible()
    await access.filterWhoCan('scale-user-0999')
    await expect(access.whoCanList()).toHaveAttribute('data-count', '10')

    // A new question hides the old answer at once; the new one replaces it.
    await access.whoCan('s3:PutObject', `${wide.bucket}/any/object`)
    await expect(access.whoCanSummary()).toHaveText(`Nobody may s3:PutObject on ${wide.bucket}/any/object.`, { timeout: 40_000 })
    await expect(access.whoCanRows()).toHaveCount(0)
  } finally {
    for (const group of wide.groups) await setPolicies(group, [scaleNames.policy(group % SCALE.policies)])
    await transport.send({ method: 'DELETE', path: '/remove-canned-policy', query: { name: wide.policy }, operation: 'scale setup' })
    transport.close()
  }
})

test('Access: the effective permissions of a user and an access key of the scale deployment', async ({ page, scaleWorld }) => {
  const access = await openAccess(page, scaleWorld)
  const resources = [3, 4, 30].map((index) => `${scaleBucket(index)}/x`)
  for (const [kind, name, user] of [['user', scaleNames.user(1503), 1503], ['access key', scaleNames.accessKey(3), 3]] as const) {
    const asked = Date.now()
    await access.matrix(kind, name, 's3:GetObject, s3:PutObject', resources.join(', '))
    await expect(access.matrixTable().or(page.getByTestId('error-notice'))).toBeVisible({ timeout: 40_000 })
    await expect(access.matrixTable()).toHaveAttribute('data-principal', name)
    console.log(`matrix of ${kind} ${name} at 10,000 users: ready after ${Date.now() - asked} ms`)
    await expect(page.getByTestId('error-notice')).toHaveCount(0)
    const held = scalePoliciesOf(user)
    for (const index of [3, 4, 30]) {
      const resource = `${scaleBucket(index)}/x`
      await expect(access.cell('s3:GetObject', resource), `${name} GetObject ${resource}`).toHaveAttribute('data-decision', held.includes(index) ? 'allow' : 'implicitDeny')
      await expect(access.cell('s3:PutObject', resource)).toHaveAttribute('data-decision', 'implicitDeny')
    }
  }
})
