import type { Page } from '@playwright/test'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test, type GatehouseWorld } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { TesterPage } from './pages/tester.page.ts'
import { s3Client } from '../src-main/testbed/live-differential/live-s3-requests.ts'
import { readServer } from '../src-main/testbed/worlds/world-seeding.ts'

// The policy editor against the real MinIO: completion, the summary in words, lint fixes, the
// review before saving, and saved cases re-run on every edit.
test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

const CONNECTION = 'editor-e2e'
const BUCKET = 'editor-bucket'
const POLICY = 'editor-read'
const readDoc = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: actions, Resource: [`arn:aws:s3:::${BUCKET}/*`] }] })
const pretty = (document: unknown) => JSON.stringify(document, null, 2)

async function serverActions(world: GatehouseWorld): Promise<string[]> {
  return readServer(world, CONNECTION, async (server) => {
    const document = (await server.getPolicy(POLICY)).document as { Statement: { Action: string[] }[] }
    return [...document.Statement[0]!.Action].sort()
  })
}

async function open(page: Page, world: GatehouseWorld): Promise<PoliciesPage> {
  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, 'Policies')
  const policies = new PoliciesPage(page)
  await policies.select(POLICY)
  return policies
}

test.beforeAll(async ({ world }) => {
  const root = s3Client(world.minio.endpoint, world.minio.rootAccessKey, world.minio.rootSecretKey)
  if (!(await root.bucketExists(BUCKET))) await root.makeBucket(BUCKET)
})

test('completion offers actions with their description, then the connection’s bucket ARNs', async ({ page, world }) => {
  const shell = new IamShell(page)
  await shell.connect(world, CONNECTION)
  const iam = await world.services.iam(CONNECTION)
  await iam.createPolicy(POLICY, pretty(readDoc(['s3:GetObject']))).finally(() => iam.close())
  await shell.open('Policies')
  const policies = new PoliciesPage(page)
  await policies.select(POLICY)
  await policies.setText('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["')
  await page.keyboard.type('s3:Get')
  const popup = page.locator('.cm-tooltip-autocomplete')
  const option = popup.getByRole('option').filter({ has: page.locator('.cm-completionLabel', { hasText: /^s3:GetObject$/ }) })
  await expect(option).toBeVisible()
  await expect(option).toContainText('Get object')
  await option.click()
  expect(await policies.editorText()).toContain('["s3:GetObject')

  await page.keyboard.insertText('"], "Resource": ["arn:aws:s3:::')
  await page.keyboard.type('e')
  await expect(popup.locator('.cm-completionLabel', { hasText: new RegExp(`^arn:aws:s3:::${BUCKET}/\\*$`) })).toBeVisible()
  await page.keyboard.press('Escape')
})

test('the summary says what each statement does, and keeps the last valid one (stale) while the JSON is broken', async ({ page, world }) => {
  const policies = await open(page, world)
  const statement = policies.summary().getByTestId('statement-summary')
  await expect(statement).toHaveCount(1)
  await expect(statement).toContainText('Statement 1 “Read”')
  await expect(statement).toContainText(`Allows s3:GetObject on every object in ${BUCKET}.`)
  await policies.setText(pretty({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: [`arn:aws:s3:::${BUCKET}/logs/*`], Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] }))
  await expect(statement).toContainText(`Denies s3:DeleteObject on objects under ${BUCKET}/logs/`)
  await expect(statement).toContainText('when aws:SourceIp is not in 10.0.0.0/8')
  await expect(policies.summary()).toHaveAttribute('data-stale', 'false')
  await page.keyboard.insertText(',')
  await expect(policies.summary()).toHaveAttribute('data-stale', 'true')
  await expect(policies.summary().getByTestId('summary-stale')).toBeVisible()
  await expect(statement).toContainText('Denies s3:DeleteObject')
})

test('a lint fix applied from CodeMirror’s lint tooltip, and one from the issue list, clear their findings', async ({ page, world }) => {
  const policies = await open(page, world)
  await policies.setText(pretty(readDoc(['s3:GetObject', 's3:GetObject'])))
  const duplicate = policies.issues().locator('[data-rule="duplicate-action"]')
  await expect(duplicate).toBeVisible()
  // CodeMirror's own lint action: hovering the squiggle shows the finding with its fix.
  await policies.editor().locator('.cm-lintRange', { hasText: 's3:GetObject' }).hover()
  await page.locator('.cm-tooltip-lint').getByRole('button', { name: "Remove the repeated 's3:GetObject'" }).click()
  await expect(duplicate).toHaveCount(0)
  expect((await policies.editorText()).match(/s3:GetObject/g)).toHaveLength(1)

  await policies.setText(pretty(readDoc(['s3:getobject'])))
  const wrongCase = policies.issues().locator('[data-rule="action-case"]')
  await expect(wrongCase).toBeVisible()
  await expect(policies.issues()).not.toHaveAttribute('data-errors', '0')
  await wrongCase.getByTestId('lint-fix').click()
  await expect(wrongCase).toHaveCount(0)
  await expect(policies.issues()).toHaveAttribute('data-errors', '0')
  expect(await policies.editorText()).toContain('"s3:GetObject"')
})

test('an edit is reviewed as a diff against the saved version before it is saved', async ({ page, world }) => {
  const policies = await open(page, world)
  await policies.setText(pretty(readDoc(['s3:GetObject', 's3:PutObject'])))
  await policies.submit('Save changes')
  const review = policies.review(POLICY)
  await expect(review.getByTestId('diff-view')).toContainText('+      "s3:PutObject"')
  await expect(review.locator('.diff-line.added')).not.toHaveCount(0)
  await review.getByRole('button', { name: 'Cancel' }).click()
  await expect(review).toBeHidden()
  expect(await serverActions(world)).toEqual(['s3:GetObject'])

  await policies.submit('Save changes')
  await policies.confirmReview(POLICY)
  await expect.poll(() => serverActions(world)).toEqual(['s3:GetObject', 's3:PutObject'])
  await expect(policies.editor().getByRole('button', { name: 'Save changes' })).toBeDisabled()
})

test('saved cases re-run on every edit: the editor names the case a change breaks, and the review says so', async ({ page, world }) => {
  const policies = await open(page, world)
  await policies.saveCase({ name: 'reads a report', action: 's3:GetObject', bucket: BUCKET, object: 'reports/q3.csv', expect: 'allow' })
  await policies.saveCase({ name: 'cannot delete', action: 's3:DeleteObject', bucket: BUCKET, object: 'reports/q3.csv', expect: 'deny' })
  await expect(policies.cases().getByTestId('cases-pass')).toBeVisible()

  await policies.setText(pretty(readDoc(['s3:PutObject'])))
  const broken = policies.cases().getByTestId('broken-cases')
  await expect(broken).toHaveText('This change breaks 1 saved case: reads a report.')
  await expect(policies.cases().locator('[data-testid="saved-case"][data-name="reads a report"]')).toHaveAttribute('data-passed', 'false')
  await expect(policies.cases().locator('[data-testid="saved-case"][data-name="cannot delete"]')).toHaveAttribute('data-passed', 'true')
  await policies.submit('Save changes')
  await expect(policies.review(POLICY).getByTestId('review-broken-cases')).toContainText('reads a report')
  await policies.review(POLICY).getByRole('button', { name: 'Cancel' }).click()

  // The cases are kept on this machine, per connection and policy, in a private file.
  const root = join(world.dataDir, 'policy-cases')
  const [connectionFolder] = readdirSync(root)
  const [file] = readdirSync(join(root, connectionFolder!))
  expect(statSync(join(root, connectionFolder!, file!)).mode & 0o777).toBe(0o600)
})

test('the tester saves its answer for a live user as a case of the user’s one policy; the editor runs it, as the server answers', async ({ page, world }) => {
  const iam = await world.services.iam(CONNECTION)
  await iam.createUser({ accessKey: 'editor-erin', secretKey: 'editor-erin-secret-1' })
    .then(() => iam.attachPolicies({ user: 'editor-erin' }, [POLICY])).finally(() => iam.close())
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.loadLiveUser(CONNECTION, 'editor-erin')
  await tester.setRequest({ action: 's3:PutObject', bucket: BUCKET, object: 'in/erin.txt' })
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Allow')
  const save = page.getByTestId('tester-save-case')
  await save.getByLabel('Case name').fill('erin uploads')
  await save.getByRole('button', { name: `Save as a case of policy ${POLICY}` }).click()
  await expect(save.getByRole('status')).toContainText(`Saved as a case of policy ${POLICY}`)

  // MinIO answers erin's own request as the case says.
  await s3Client(world.minio.endpoint, 'editor-erin', 'editor-erin-secret-1').putObject(BUCKET, 'in/erin.txt', 'hello')
  // The same page goes on to the editor (the launch URL opens the app only once).
  await page.locator('.connection-picker').getByRole('combobox', { name: 'Connection' }).selectOption({ label: CONNECTION })
  await new IamShell(page).open('Policies')
  const policies = new PoliciesPage(page)
  await policies.select(POLICY)
  await expect(policies.cases().locator('[data-testid="saved-case"][data-name="erin uploads"]')).toHaveAttribute('data-passed', 'true')
  await policies.setText(pretty(readDoc(['s3:GetObject'])))
  await expect(policies.cases().getByTestId('broken-cases')).toContainText('erin uploads')
})

test('deleting a policy says how many saved cases it has; kept (the default) they come back with a policy of that name, deleted they do not', async ({ page, world }) => {
  const GONE = 'editor-gone'
  const iam = await world.services.iam(CONNECTION)
  await iam.createPolicy(GONE, readDoc(['s3:GetObject'])).finally(() => iam.close())
  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, 'Policies')
  const policies = new PoliciesPage(page)
  const savedCase = (name: string) => policies.cases().locator(`[data-testid="saved-case"][data-name="${name}"]`)
  await policies.select(GONE)
  await policies.saveCase({ name: 'reads a report', action: 's3:GetObject', bucket: BUCKET, object: 'reports/q3.csv', expect: 'allow' })
  await policies.saveCase({ name: 'cannot write', action: 's3:PutObject', bucket: BUCKET, object: 'reports/q3.csv', expect: 'deny' })

  const createAgain = async () => {
    await policies.startCreate(GONE)
    await policies.setText(pretty(readDoc(['s3:GetObject'])))
    await policies.submit('Create policy')
    await expect(policies.editor().getByRole('heading', { level: 2 })).toContainText(GONE)
  }
  const serverHas = () => readServer(world, CONNECTION, async (server) => (await server.listPolicies()).some((policy) => policy.name === GONE))

  // The option to delete them too starts off: confirming keeps them.
  const keep = await policies.askDelete(GONE)
  await expect(keep.getByTestId('confirm-saved-cases')).toContainText('It has 2 saved cases on this machine')
  await expect(keep.getByLabel('Also delete its 2 saved cases')).not.toBeChecked()
  await keep.getByRole('button', { name: 'Delete policy' }).click()
  await expect(keep).toBeHidden()
  await expect(policies.row(GONE)).toHaveCount(0)
  expect(await serverHas()).toBe(false)
  await createAgain()
  await expect(savedCase('reads a report')).toHaveAttribute('data-passed', 'true')
  await expect(savedCase('cannot write')).toHaveAttribute('data-passed', 'true')

  // Ticked, they go with the policy: created again, it has none.
  const drop = await policies.askDelete(GONE)
  await drop.getByLabel('Also delete its 2 saved cases').check()
  await drop.getByRole('button', { name: 'Delete policy' }).click()
  await expect(drop).toBeHidden()
  expect(await serverHas()).toBe(false)
  await createAgain()
  await expect(policies.cases().getByTestId('saved-case')).toHaveCount(0)
  const again = await policies.askDelete(GONE)
  await expect(again.getByTestId('confirm-saved-cases')).toHaveCount(0)
  await again.getByRole('button', { name: 'Cancel' }).click()
})
