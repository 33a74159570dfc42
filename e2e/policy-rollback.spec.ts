import { test } from './fixtures.ts'
import { AuditPage } from './pages/audit.page.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import type { PolicyDocument } from '../src-main/policy/index.ts'
import { canonicalPolicy } from '../src-main/snapshot/canonical-policy.ts'
import { readServer } from '../src-main/testbed/worlds/world-seeding.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

// MinIO may hand actions back in another order: compare them as sets.
const sortedActions = (document: unknown) => {
  const policy = structuredClone(document) as { Statement: { Action: string[] }[] }
  for (const statement of policy.Statement) statement.Action.sort()
  return policy
}
const logs = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['arn:aws:s3:::logs/*'] }] })
const first = logs(['s3:GetObject'])
const second = logs(['s3:GetObject', 's3:PutObject'])
const third = logs(['s3:DeleteObject', 's3:GetObject', 's3:PutObject'])

test('edit a policy twice, restore the first version from the history: the server holds it and the audit shows it', async ({ page, world }) => {
  test.slow() // several audited admin calls
  const shell = new IamShell(page)
  await shell.connect(world, 'rollback-e2e')
  const iam = await world.services.iam('rollback-e2e')
  await iam.createPolicy('rollback-logs', first).finally(() => iam.close())
  await shell.open('Policies')
  const policies = new PoliciesPage(page)
  const updates = async () => (await world.services.audit.list({ actionPrefix: 'policy.updated', target: 'rollback-logs' })).events
  for (const [index, next] of [second, third].entries()) {
    await policies.edit('rollback-logs', JSON.stringify(next, null, 2))
    await expect.poll(async () => (await updates()).filter((event) => event.outcome.kind === 'ok').length).toBe(index + 1)
    // Saved and read back: the editor holds the server's document again before the next edit.
    await expect(policies.editor().getByRole('button', { name: 'Save changes' })).toBeDisabled()
    await expect(policies.editor().locator('.cm-content')).toContainText(next === third ? 's3:DeleteObject' : 's3:PutObject')
  }

  const audit = new AuditPage(page)
  await audit.open()
  const history = await audit.policyHistory('rollback-logs', 'rollback-e2e')
  await expect(history.getByRole('table', { name: 'Versions' }).locator('tbody tr')).toHaveCount(3)
  const dialog = await audit.askRestore('rollback-logs', 1)
  // The confirmation shows what changes: the server's document now → version 1.
  await expect(dialog.getByTestId('diff-view').locator('.diff-line.removed', { hasText: '"s3:DeleteObject"' })).toHaveCount(1)
  await expect(dialog.getByTestId('restore-diff-summary')).toContainText('The server now → version 1')
  await expect(dialog.getByTestId('restore-problems')).toHaveCount(0)
  await expect(dialog).toContainText(/Checked against the rules of .*MinIO RELEASE\.\d{4}-.*minio\/pkg/)
  await dialog.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(history.getByTestId('restore-done')).toContainText("Restored 'rollback-logs' from version 1")

  // MinIO hands a policy's Action list back in any order: documents are compared in canonical form.
  expect(canonicalPolicy(await readServer(world, 'rollback-e2e', async (server) => (await server.getPolicy('rollback-logs')).document))).toEqual(canonicalPolicy(first as PolicyDocument))
  const [restore] = await updates()
  expect(restore).toMatchObject({ outcome: { kind: 'ok' }, after: first, details: { restoredFrom: { version: 1 } } })
  expect(sortedActions(restore?.before)).toEqual(third)
  // The history reads again: the restored version is the newest, and the trail lists the update.
  await expect(history.getByRole('table', { name: 'Versions' }).locator('tbody tr')).toHaveCount(4)
  await audit.search('rollback-logs')
  await expect(audit.row('policy.updated', 'rollback-logs')).toHaveCount(3)
  const detail = await audit.openEvent('policy.updated', 'rollback-logs')
  await expect(detail.getByTestId('detail-restored-from')).toContainText('version 1 of the policy history')
})

test('a deleted policy: restoring says it creates it again, and does', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.connect(world, 'rollback-e2e')
  const iam = await world.services.iam('rollback-e2e')
  await iam.createPolicy('rollback-gone', second).then(() => iam.deletePolicy('rollback-gone')).finally(() => iam.close())

  const audit = new AuditPage(page)
  await audit.open()
  await audit.policyHistory('rollback-gone', 'rollback-e2e')
  const dialog = await audit.askRestore('rollback-gone', 1)
  await expect(dialog.getByTestId('restore-recreate')).toContainText('creates it again')
  await dialog.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(page.getByTestId('restore-done')).toContainText("Created 'rollback-gone' from version 1")
  expect(canonicalPolicy(await readServer(world, 'rollback-e2e', async (server) => (await server.getPolicy('rollback-gone')).document))).toEqual(canonicalPolicy(second as PolicyDocument))
})
