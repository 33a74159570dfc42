import { join } from 'node:path'
import { expect, test } from './fixtures.ts'
import { TesterPage } from './pages/tester.page.ts'
import { rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'

test.describe.configure({ mode: 'serial' })

const readLogs = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'ReadLogs', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }] },
  null,
  2,
)
const officeOnly = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'OfficeOnly', Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }],
  },
  null,
  2,
)

async function workspace(tester: TesterPage, sourceIp: string): Promise<void> {
  await tester.setDocument(0, 'read-logs', readLogs)
  await tester.setDocument(1, 'office-only', officeOnly)
  await tester.setRequest({ action: 's3:GetObject', bucket: 'logs', object: 'app/today.log', conditions: [['aws:SourceIp', sourceIp]] })
  await tester.evaluate()
}

test('pasted policies allow, naming the deciding statement and why the Deny did not apply', async ({ page, world }) => {
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await workspace(tester, '10.1.2.3')
  await expect(tester.verdict()).toHaveText('Allow')
  await expect(tester.decisiveStatements()).toHaveCount(1)
  await expect(tester.decisiveStatements()).toHaveAttribute('data-sid', 'ReadLogs')
  await expect(tester.decisiveStatements()).toContainText('read-logs')
  const deny = tester.statement('OfficeOnly')
  await expect(deny).toHaveAttribute('data-decisive', 'false')
  const condition = deny.getByTestId('condition-check')
  await expect(condition).toHaveAttribute('data-matched', 'false')
  await expect(condition).toContainText('NotIpAddress')
  await expect(condition).toContainText('"10.1.2.3"')
  await expect(condition.getByTestId('condition-reason')).not.toBeEmpty()
  // The README's screenshot is refreshed on request only, so ordinary runs leave the tree clean.
  const folder = process.env.GATEHOUSE_UPDATE_SCREENSHOTS ? 'docs' : 'test-results'
  await page.screenshot({ path: join(import.meta.dirname, '..', folder, 'screenshot-tester.png'), fullPage: true })
})

test('an explicit Deny beats the Allow when its condition holds', async ({ page, world }) => {
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await workspace(tester, '203.0.113.9')
  await expect(tester.verdict()).toHaveText('Explicit Deny')
  await expect(tester.answer()).toHaveAttribute('data-effect', 'explicitDeny')
  await expect(tester.decisiveStatements()).toHaveCount(1)
  await expect(tester.decisiveStatements()).toHaveAttribute('data-sid', 'OfficeOnly')
  await expect(tester.decisiveStatements().getByTestId('condition-check')).toHaveAttribute('data-matched', 'true')
})

test('a pasted document with a mistake shows it with its JSON path and line:column, and keeps the text', async ({ page, world }) => {
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["s3:GetObjekt"], "Resource": ["*"] }\n  ]\n}'
  await tester.setDocument(0, 'typo', broken)
  const issue = tester.documentIssues().first()
  await expect(issue).toContainText('Statement[0].Action')
  await expect(issue).toContainText(/at 4:\d+/)
  await expect(page.getByRole('textbox', { name: 'Policy document', exact: true })).toContainText('s3:GetObjekt')
  await tester.setDocument(0, 'typo', broken.replace('GetObjekt', 'GetObject'))
  await expect(tester.documentValid()).toBeVisible()
})

test('loads a user from a connection: its own and its groups\' policies, a disabled group marked', async ({ page, world }) => {
  test.slow() // a dozen audited admin calls to set up, then the load itself
  const { connectionId, call } = await rootConnection(world, 'tester-live')
  await call('policies.create', { connectionId, name: 'tester-read-logs', text: readLogs })
  await call('policies.create', { connectionId, name: 'tester-office-only', text: officeOnly })
  await call('users.create', { connectionId, accessKey: 'tester-alice', secretKey: 'tester-alice-secret-1' })
  await call('policies.attach', { connectionId, target: { user: 'tester-alice' }, policies: ['tester-read-logs'] })
  await call('groups.create', { connectionId, name: 'tester-staff', members: ['tester-alice'] })
  await call('policies.attach', { connectionId, target: { group: 'tester-staff' }, policies: ['tester-office-only'] })
  await call('groups.create', { connectionId, name: 'tester-frozen', members: ['tester-alice'] })
  await call('groups.setStatus', { connectionId, name: 'tester-frozen', status: 'disabled' })

  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.loadLiveUser('tester-live', 'tester-alice')
  await expect(tester.documentTabs()).toHaveCount(2)
  await expect(tester.documentTabs().first()).toContainText('tester-read-logs')
  await expect(tester.documentTabs().nth(1)).toContainText('tester-office-only')
  await expect(tester.principalGroup('tester-staff').getByRole('checkbox', { name: 'enabled' })).toBeChecked()
  await expect(tester.principalGroup('tester-frozen').getByRole('checkbox', { name: 'enabled' })).not.toBeChecked()
  await expect(tester.principalWarning()).toContainText('tester-frozen')

  await tester.setRequest({ action: 's3:GetObject', bucket: 'logs', object: 'app/today.log', conditions: [['aws:SourceIp', '10.1.2.3']] })
  await tester.evaluate()
  // MinIO: a disabled group among the user's groups drops all of the user's policies.
  await expect(tester.answer()).toHaveAttribute('data-effect', 'implicitDeny')
  await tester.principalGroup('tester-frozen').getByRole('checkbox', { name: 'enabled' }).check()
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Allow')
  await expect(tester.decisiveStatements()).toHaveAttribute('data-sid', 'ReadLogs')
})

test('loads an access key from a snapshot file: its session policy narrows the parent', async ({ page, world }) => {
  const document = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] })
  const snapshot = {
    format: 'gatehouse.iam-snapshot',
    version: 1,
    exportedAt: '2026-11-23T09:00:00Z',
    source: { endpoint: 'http://127.0.0.1:9000', exportedBy: 'e2e' },
    policies: [{ name: 'logs-rw', document: document({ Sid: 'LogsRW', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::logs/*'] }) }],
    users: [{ accessKey: 'carol', status: 'enabled', policies: ['logs-rw'], memberOf: [] }],
    groups: [],
    accessKeys: [{ accessKey: 'CAROLREADONLY', parentUser: 'carol', status: 'enabled', sessionPolicy: document({ Sid: 'OnlyRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }) }],
  }
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.loadSnapshot('prod-iam.json', JSON.stringify(snapshot), 'access key CAROLREADONLY (session policy)')
  await expect(tester.source()).toContainText('access key CAROLREADONLY of carol')
  await expect(tester.documentTabs()).toHaveCount(2)

  await tester.setRequest({ action: 's3:PutObject', bucket: 'logs', object: 'app/new.log' })
  await tester.evaluate()
  await expect(tester.answer()).toHaveAttribute('data-effect', 'implicitDeny')
  await expect(tester.answer().getByRole('region', { name: 'Access key session policy' })).toContainText('denies')

  await tester.setRequest({ action: 's3:GetObject', bucket: 'logs', object: 'app/new.log' })
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Allow')
  await expect(tester.decisiveStatements()).toHaveCount(2)
})

test('the server\'s condition map: over http a SecureTransport Deny fires; overriding the filled value changes the answer', async ({ page, world }) => {
  const noPlainHttp = JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] },
    { Sid: 'NoPlainHttp', Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { Bool: { 'aws:SecureTransport': ['false'] } } },
  ] }, null, 2)
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.setDocument(0, 'no-plain-http', noPlainHttp)
  await tester.setRequest({ action: 's3:GetObject', bucket: 'logs', object: 'a.txt' })
  const form = page.getByRole('form', { name: 'Request' })
  await form.getByLabel('over https').uncheck()
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Explicit Deny')
  const secure = tester.answer().locator('tr[data-key="SecureTransport"]')
  await expect(secure).toContainText('false')
  await expect(secure).toContainText('set by the server')
  await expect(tester.answer().locator('tr[data-key="Referer"]')).toContainText('""')
  await expect(tester.answer().getByTestId('answer-semantics')).toContainText('as MinIO RELEASE.2025-10-15 decides')

  await secure.getByRole('button', { name: 'Override SecureTransport' }).click()
  await expect(form.getByLabel('Condition key 1')).toHaveValue('aws:SecureTransport')
  await form.getByLabel('Condition value 1').fill('true')
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Allow')
  await expect(tester.answer().locator('tr[data-key="SecureTransport"]').first()).toContainText('replaced')
})
