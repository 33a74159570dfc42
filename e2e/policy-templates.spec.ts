import { test } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { TemplatePickerPage } from './pages/template-picker.page.ts'
import { readServer } from '../src-main/testbed/worlds/world-seeding.ts'

test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

test('new from template: a draft with the bucket filled in, saved, and the server has it', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'templates-e2e', 'Policies')
  const picker = new TemplatePickerPage(page)
  await picker.open()
  await picker.fill('Minimal bucket + prefix', '', 'team')
  await expect(picker.problem()).toContainText('Enter the bucket the policy is for.')
  await picker.fill('Minimal bucket + prefix', 'reports', 'team')
  await expect(picker.preview()).toContainText('"arn:aws:s3:::reports/team/*"')
  await picker.openAsDraft()

  const policies = new PoliciesPage(page)
  await expect(policies.editor().getByLabel('Policy name')).toHaveValue('reports-team-minimal')
  await expect(policies.editor().getByTestId('unsaved-badge')).toBeVisible()
  await expect.poll(() => policies.editorText()).toContain('arn:aws:s3:::reports/team/*')
  await expect(policies.issues()).toHaveAttribute('data-errors', '0')
  await policies.submit('Create policy')
  await expect(policies.row('reports-team-minimal')).toBeVisible()
  await expect(policies.editor().getByTestId('unsaved-badge')).toHaveCount(0)

  const held = await readServer(world, 'templates-e2e', async (server) => (await server.getPolicy('reports-team-minimal')).document)
  const statements = held['Statement'] as Array<{ Sid?: string; Resource: string[] }>
  expect(statements.map((statement) => [statement.Sid, statement.Resource])).toEqual([['BucketList', ['arn:aws:s3:::reports']], ['BucketObjects', ['arn:aws:s3:::reports/team/*']]])
})

test('a built-in as a starting point: MinIO\'s readonly document, as a new draft', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.start(world, 'templates-e2e', 'Policies')
  const picker = new TemplatePickerPage(page)
  await picker.open()
  await picker.choose('Built-in readonly')
  await expect(picker.preview()).toContainText('s3:GetBucketLocation')
  await picker.openAsDraft()
  const policies = new PoliciesPage(page)
  await expect(policies.editor().getByLabel('Policy name')).toHaveValue('readonly-copy')
  await expect.poll(() => policies.editorText()).toContain('arn:aws:s3:::*')
})
