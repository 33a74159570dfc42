import { test } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { UsersPage } from './pages/users.page.ts'

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

test('deleting an attached policy shows who uses it, and detaching lets it go', async ({ page, world }) => {
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
  await policies.delete('reports-read')
  await expect(shell.errorNotice()).toHaveAttribute('data-code', 'CONFLICT')
  await expect(shell.errorNotice()).toContainText('still attached to 1 user')
  await expect(policies.inUse()).toContainText('1 user and 0 groups')
  await policies.inUse().getByRole('button', { name: 'Detach everywhere and delete' }).click()
  await expect(policies.row('reports-read')).toHaveCount(0)
})
