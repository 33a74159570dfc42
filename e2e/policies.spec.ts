import { test, type GatehouseWorld } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { UsersPage } from './pages/users.page.ts'
import { readServer } from '../src-main/testbed/worlds/world-seeding.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

const broken = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allowed", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::reports/*"] }
  ]
}`

test('built-in policies are listed and marked', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'policies-e2e', 'Policies')
  const policies = new PoliciesPage(page)
  for (const name of ['consoleAdmin', 'readonly', 'readwrite']) await expect(policies.row(name)).toContainText('built-in')
})

test('create a policy in the editor: a validation error is shown, then fixed', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'policies-e2e', 'Policies')
  const policies = new PoliciesPage(page)
  await policies.startCreate('reports-read')
  await policies.setText(broken)
  await expect(policies.issues()).toContainText('Allowed')
  await expect(policies.issues()).not.toHaveAttribute('data-errors', '0')
  await expect(policies.errorMarkers().first()).toBeVisible()

  // MinIO refuses it too, and the text stays in the editor.
  await policies.submit('Create policy')
  await expect(shell.errorNotice()).toHaveAttribute('data-code', 'INVALID_INPUT')
  expect(await policies.editorText()).toContain('"Allowed"')

  await policies.setText(broken.replace('"Allowed"', '"Allow"'))
  await expect(policies.issues()).toHaveAttribute('data-errors', '0')
  await expect(policies.errorMarkers()).toHaveCount(0)
  await policies.submit('Create policy')
  await expect(policies.row('reports-read')).toBeVisible()
  await expect(policies.editor().getByRole('heading', { level: 2 })).toContainText('reports-read')
})

test('deleting an attached policy: the confirmation names who uses it, and one confirm detaches it everywhere and deletes it', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'policies-e2e', 'Users')
  const users = new UsersPage(page)
  await users.createAndDismiss('dave-e2e')
  await users.select('dave-e2e')
  await users.attach('reports-read')

  await shell.open('Policies')
  const policies = new PoliciesPage(page)
  await policies.select('reports-read')
  await expect(policies.usage().getByTestId('policy-entities')).toContainText('user dave-e2e')
  const dialog = await policies.askDelete('reports-read')
  await expect(dialog.getByTestId('confirm-refusal')).toContainText('MinIO deletes only policies attached to nobody')
  await expect(dialog.getByTestId('confirm-names')).toHaveText('user dave-e2e')
  await dialog.getByRole('button', { name: 'Detach from 1 user or group and delete' }).click()
  await expect(policies.row('reports-read')).toHaveCount(0)
  await expect(shell.errorNotice()).toHaveCount(0)
  const server = await readServer(world, 'policies-e2e', async (reader) => ({ names: (await reader.listPolicies()).map((policy) => policy.name), dave: await reader.getUser('dave-e2e') }))
  expect(server.names).not.toContain('reports-read')
  expect(server.dave.policies).toEqual([])
})

const ledger = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['arn:aws:s3:::ledger/*'] }] })
const ledgerBefore = ledger(['s3:GetObject'])
const ledgerAfter = ledger(['s3:GetObject', 's3:PutObject'])

/** The trail's policy.updated events of ledger-e2e, newest first. */
async function policyUpdates(world: GatehouseWorld) {
  const trail = await world.services.audit.list({ actionPrefix: 'policy.updated', target: 'ledger-e2e' })
  return trail.events
}

/** A ledger document with its actions sorted: MinIO keeps them in a set, so its answers vary in order. */
function sortedActions(document: unknown): unknown {
  const { Statement, ...rest } = document as { Statement: { Action: string[] }[] }
  return { ...rest, Statement: Statement.map((statement) => ({ ...statement, Action: [...statement.Action].sort() })) }
}

async function serverDocument(world: GatehouseWorld): Promise<unknown> {
  return sortedActions(await readServer(world, 'policies-e2e', async (server) => (await server.getPolicy('ledger-e2e')).document))
}

test('edit an existing policy: the server stores the new document, the trail has before and after', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.connect(world, 'policies-e2e')
  const iam = await world.services.iam('policies-e2e')
  await iam.createPolicy('ledger-e2e', ledgerBefore).finally(() => iam.close())
  await shell.open('Policies')
  const policies = new PoliciesPage(page)
  await policies.edit('ledger-e2e', JSON.stringify(ledgerAfter, null, 2))

  // The trail's completion is written after MinIO answered, so once it is there the save is done.
  await expect.poll(() => policyUpdates(world)).toMatchObject([{ outcome: { kind: 'ok' }, before: ledgerBefore, after: ledgerAfter }])
  expect(await serverDocument(world)).toEqual(ledgerAfter)
  await expect(policies.editor().getByRole('button', { name: 'Save changes' })).toBeDisabled()
  expect(await policies.editorText()).toContain('s3:PutObject')
})

// MinIO judges a well-formed document (and its refusal is in the trail); text that is not JSON is
// refused before any server call, with its position, and leaves no event.
const refusals = [
  { kind: 'an unknown action', text: JSON.stringify(ledger(['s3:GetObject', 's3:PutTheMoon']), null, 2), typed: 's3:PutTheMoon', reason: 's3:PutTheMoon', reachesServer: true },
  { kind: 'broken JSON', text: '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow"', typed: '"Effect": "Allow"', reason: 'not valid JSON at line 1, column 62', reachesServer: false },
]

for (const refusal of refusals) {
  test(`a refused save (${refusal.kind}) keeps the typed text, and the server keeps its document`, async ({ page, world }) => {
    const shell = new IamShell(page)
    await shell.start(world, 'policies-e2e', 'Policies')
    const policies = new PoliciesPage(page)
    const eventsBefore = (await policyUpdates(world)).length
    await policies.edit('ledger-e2e', refusal.text)
    await expect(policies.issues()).not.toHaveAttribute('data-errors', '0')
    await expect(shell.errorNotice()).toHaveAttribute('data-code', 'INVALID_INPUT')
    await expect(shell.errorNotice()).toContainText(refusal.reason)
    expect(await policies.editorText()).toContain(refusal.typed)
    await expect(policies.editor().getByRole('button', { name: 'Save changes' })).toBeEnabled()
    expect(await serverDocument(world)).toEqual(ledgerAfter)
    const events = await policyUpdates(world)
    expect(events).toHaveLength(eventsBefore + (refusal.reachesServer ? 1 : 0))
    if (!refusal.reachesServer) return
    expect(events[0]?.outcome).toMatchObject({ kind: 'error', code: 'INVALID_INPUT' })
    expect(sortedActions(events[0]?.before)).toEqual(ledgerAfter)
  })
}
