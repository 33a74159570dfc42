import { test } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { SnapshotsPage } from './pages/snapshots.page.ts'
import { readServer, rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'
import type { IamReader } from '../src-main/services/iam-session.ts'
import type { Snapshot } from '../src-main/snapshot/snapshot.schema.ts'

const CONNECTION = 'snapshots-e2e'
/** The root connection the screen uses, and contract calls on it for setup (audited, as the UI's). */
let setup: Awaited<ReturnType<typeof rootConnection>>

test.describe.configure({ mode: 'serial' })
test.beforeAll(async ({ world }) => {
  setup = await rootConnection(world, CONNECTION)
})
test.afterAll(async ({ world }) => removeConnections(world))

const readLogs = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::snap-logs/*'] }] })

/** The users the worker's MinIO itself holds, not what the screen shows. */
const userNames = (server: IamReader) => server.listUsers().then((users) => users.map((user) => user.accessKey))

test('export, lose a group, its member and its policy on the server, see the plan restore them, apply, and the server has them again', async ({ page, world }) => {
  test.slow() // a dozen audited admin calls to set up and change, an export and three plans of the whole server
  const { connectionId, call } = setup
  await call('policies.create', { connectionId, name: 'snap-read', text: readLogs })
  await call('users.create', { connectionId, accessKey: 'snap-alice', secretKey: 'snap-alice-secret-1' })
  await call('groups.create', { connectionId, name: 'snap-team', members: ['snap-alice'] })
  await call('policies.attach', { connectionId, target: { group: 'snap-team' }, policies: ['snap-read'] })

  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, 'Snapshots')
  const snapshots = new SnapshotsPage(page)
  const exported = await snapshots.export()
  expect(exported.fileName).toMatch(/^gatehouse-iam-snapshots-e2e-.+\.json$/)
  expect(exported.text).toContain('"snap-team"')
  expect(exported.text).not.toMatch(/secretKey/i)
  await expect(snapshots.exportResult()).toContainText(exported.fileName)

  // The difference: the group, its member and its policy are gone, and a user the snapshot does not have appeared.
  await call('groups.remove', { connectionId, name: 'snap-team', removeMembersFirst: true })
  await call('users.remove', { connectionId, accessKey: 'snap-alice' })
  await call('policies.remove', { connectionId, name: 'snap-read' })
  await call('users.create', { connectionId, accessKey: 'snap-extra', secretKey: 'snap-extra-secret-1' })

  await snapshots.loadFile(exported.path)
  // Safe by default: removing what the snapshot lacks is off until asked for.
  await expect(snapshots.removeExtras()).not.toBeChecked()
  await expect(snapshots.planCounts()).toHaveText('3 to create, 2 to change, 0 to remove.')
  await snapshots.removeExtras().check()
  await page.getByRole('button', { name: 'Preview changes' }).click()
  await expect(snapshots.planCounts()).toHaveText('3 to create, 2 to change, 1 to remove; 1 destructive.')
  await expect(snapshots.phase('Policies to create or update')).toHaveText(['1. + policy snap-read: create'])
  await expect(snapshots.phase('Users and groups to create or enable')).toHaveText(['2. + user snap-alice: create (enabled; a new secret is generated)', '3. + group snap-team: create (enabled)'])
  await expect(snapshots.phase('Group members')).toHaveText(['4. ~ group snap-team: add members snap-alice'])
  await expect(snapshots.phase('Policy attachments')).toHaveText(['5. ~ group snap-team: attach snap-read'])
  const removal = snapshots.phase('Users and groups to delete')
  await expect(removal).toHaveText(['6. − user snap-extra: delete (with its access keys and memberships) destructive'])
  await expect(removal).toHaveAttribute('data-destructive', 'true')

  const dialog = await snapshots.apply(6)
  await expect(dialog).toContainText(`make ${CONNECTION} (${world.minio.endpoint}) match ${exported.fileName}: 3 to create, 2 to change, 1 to remove`)
  await expect(dialog.getByTestId('confirm-destructive')).toHaveText('− user snap-extra: delete (with its access keys and memberships)')
  await expect(dialog).toContainText('new secrets, shown once')
  await snapshots.confirm(dialog, 6)

  await expect(snapshots.results().getByTestId('apply-summary')).toHaveText('6 of 6 steps done.')
  await expect(snapshots.resultSteps()).toHaveCount(6)
  await expect(snapshots.resultSteps().and(page.locator('[data-status="ok"]'))).toHaveCount(6)
  const secret = snapshots.secret('snap-alice')
  await expect(secret.getByTestId('secret-value')).toHaveText(/^\S{40}$/)
  await expect(snapshots.plan()).toHaveCount(0)

  const group = await readServer(world, connectionId, (server) => server.getGroup('snap-team'))
  expect([group.members, group.policies]).toEqual([['snap-alice'], ['snap-read']])
  expect((await readServer(world, connectionId, (server) => server.getPolicy('snap-read'))).name).toBe('snap-read')
  const users = await readServer(world, connectionId, userNames)
  expect(users).toContain('snap-alice')
  expect(users).not.toContain('snap-extra')

  await secret.getByRole('button', { name: 'I have saved it' }).click()
  await expect(page.getByTestId('secret-once')).toHaveCount(0)
})

test('a step MinIO refuses is shown with its message, the step that needed it skipped, the rest done', async ({ page, world }) => {
  test.slow() // an export, a plan and an apply of the whole server
  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, 'Snapshots')
  const snapshots = new SnapshotsPage(page)
  const snapshot = JSON.parse((await snapshots.export()).text) as Snapshot
  const refused = { Version: '2012-10-17', Statement: [{ Effect: 'Allowed', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::snap-logs/*'] }] }
  snapshot.policies.push({ name: 'snap-refused', document: refused })
  snapshot.users = snapshot.users.map((user) => (user.accessKey === 'snap-alice' ? { ...user, policies: [...user.policies, 'snap-refused'] } : user))
  snapshot.groups.push({ name: 'snap-more', status: 'enabled', members: [], policies: [] })
  await snapshots.loadFile({ name: 'refused.json', text: JSON.stringify(snapshot) })
  await expect(snapshots.planCounts()).toHaveText('2 to create, 1 to change, 0 to remove.')

  await snapshots.confirm(await snapshots.apply(3), 3)
  await expect(snapshots.results().getByTestId('apply-summary')).toHaveText('1 of 3 steps done: 1 failed, 1 skipped.')
  const create = snapshots.resultSteps().nth(0)
  const group = snapshots.resultSteps().nth(1)
  const attach = snapshots.resultSteps().nth(2)
  await expect(create).toHaveAttribute('data-status', 'failed')
  await expect(create).toContainText(/INVALID_INPUT: .*Allowed/)
  await expect(attach).toHaveAttribute('data-status', 'skipped')
  await expect(attach).toContainText("It needs policy 'snap-refused', which step 1 should have created but did not")
  await expect(group).toHaveAttribute('data-status', 'ok')
  await expect(group).toContainText('+ group snap-more: create')
  expect((await readServer(world, setup.connectionId, (server) => server.getGroup('snap-more'))).name).toBe('snap-more')
})

test('a change on the server after the preview: the apply is refused, nothing applied, and the new plan shown', async ({ page, world }) => {
  test.slow() // an export and three plans of the whole server
  const { connectionId, call } = setup
  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, 'Snapshots')
  const snapshots = new SnapshotsPage(page)
  const exported = await snapshots.export()
  await call('users.create', { connectionId, accessKey: 'snap-late-1', secretKey: 'snap-late-secret-1' })
  await snapshots.removeExtras().check()
  await snapshots.loadFile(exported.path)
  await expect(snapshots.planCounts()).toHaveText('0 to create, 0 to change, 1 to remove; 1 destructive.')

  await call('users.create', { connectionId, accessKey: 'snap-late-2', secretKey: 'snap-late-secret-2' })
  await snapshots.confirm(await snapshots.apply(1), 1)
  await expect(shell.errorNotice()).toHaveAttribute('data-code', 'CONFLICT')
  await expect(shell.errorNotice()).toContainText('the snapshot now needs 2 steps instead of the 1 you saw. Nothing was applied')
  await expect(snapshots.planCounts()).toHaveText('0 to create, 0 to change, 2 to remove; 2 destructive.')
  await expect(snapshots.results()).toHaveCount(0)
  expect(await readServer(world, connectionId, userNames)).toEqual(expect.arrayContaining(['snap-late-1', 'snap-late-2']))
})

test('a malformed snapshot file shows what is wrong and where, offers no apply and changes nothing', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, 'Snapshots')
  const { connectionId } = setup
  const before = await readServer(world, connectionId, userNames)
  const snapshots = new SnapshotsPage(page)

  await snapshots.loadFile({ name: 'broken.json', text: '{\n  "format": "gatehouse.iam-snapshot",\n  "version": 1,\n  "users": [\n' })
  await expect(shell.errorNotice()).toHaveAttribute('data-code', 'INVALID_INPUT')
  await expect(shell.errorNotice()).toContainText('The snapshot broken.json is not valid JSON at line 5, column 1')
  await expect(snapshots.plan()).toHaveCount(0)

  const exported = await snapshots.export()
  await snapshots.loadFile({ name: 'edited.json', text: exported.text.replace('"status": "enabled"', '"status": "on"') })
  await expect(shell.errorNotice()).toContainText(/The snapshot edited.json has 1 problem:\s+- users\[\d+\]\.status: /)
  await expect(page.getByRole('button', { name: /^Apply / })).toHaveCount(0)
  expect(await readServer(world, connectionId, userNames)).toEqual(before)
})
