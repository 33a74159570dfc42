import { expect, test } from './fixtures.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { TesterPage } from './pages/tester.page.ts'
import { WhyNotPanel } from './pages/why-not.page.ts'
import { readServer, rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'
import { s3Client } from '../src-main/storage/bucket-reader.ts'

test.describe.configure({ mode: 'serial' })

const readLogs = { Version: '2012-10-17', Statement: [{ Sid: 'ReadLogs', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }] }
const officeOnly = { Version: '2012-10-17', Statement: [{ Sid: 'OfficeOnly', Effect: 'Deny', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'], Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }] }

test('a denied question: suggestions, one opened as a draft, the editor shows it unsaved and the server keeps its document', async ({ page, world }) => {
  test.slow() // audited admin calls to set up, then the live load
  const { connectionId, call } = await rootConnection(world, 'why-not-e2e')
  await call('policies.create', { connectionId, name: 'wn-read-logs', text: JSON.stringify(readLogs) })
  await call('users.create', { connectionId, accessKey: 'wn-alice', secretKey: 'wn-alice-secret-1' })
  await call('policies.attach', { connectionId, target: { user: 'wn-alice' }, policies: ['wn-read-logs'] })

  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.loadLiveUser('why-not-e2e', 'wn-alice')
  await tester.setRequest({ action: 's3:PutObject', bucket: 'logs', object: 'app/new.log' })
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Implicit Deny')

  const whyNot = new WhyNotPanel(page)
  await expect(whyNot.suggestions().first()).toBeVisible()
  const addAction = whyNot.suggestion('addAction')
  await expect(addAction).toContainText('Add s3:PutObject to statement 1 (ReadLogs) of "wn-read-logs"')
  await expect(addAction.getByTestId('diff-view')).toContainText('+        "s3:PutObject"')
  await expect(addAction.getByTestId('why-not-breadth')).toContainText('nearby requests probed')
  await whyNot.openAsDraft(addAction)

  await expect(page.getByRole('heading', { name: 'Policies', level: 1 })).toBeVisible()
  const policies = new PoliciesPage(page)
  await expect(policies.editor().getByRole('heading', { level: 2 })).toContainText('wn-read-logs')
  await expect(policies.editor().getByTestId('unsaved-badge')).toBeVisible()
  await expect.poll(() => policies.editorText()).toContain('s3:PutObject')
  await expect(policies.editor().getByRole('button', { name: 'Save changes' })).toBeEnabled()
  // Opening a draft never saves: the server still holds the document without the new action.
  const held = await readServer(world, 'why-not-e2e', async (server) => (await server.getPolicy('wn-read-logs')).document)
  expect(JSON.stringify(held)).not.toContain('s3:PutObject')
})

test('a blocking Deny: the request would need aws:SourceIp in 10.0.0.0/8; using that value allows it', async ({ page, world }) => {
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.setDocument(0, 'read-logs', JSON.stringify(readLogs, null, 2))
  await tester.setDocument(1, 'office-only', JSON.stringify(officeOnly, null, 2))
  await tester.setRequest({ action: 's3:GetObject', bucket: 'logs', object: 'app/today.log', conditions: [['aws:SourceIp', '203.0.113.9']] })
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Explicit Deny')
  const whyNot = new WhyNotPanel(page)
  const request = whyNot.suggestion('requestValue')
  await expect(request).toContainText('aws:SourceIp would need to be in 10.0.0.0/8')
  await expect(whyNot.suggestion('narrowDeny')).toContainText('Narrow the Deny in statement 1 (OfficeOnly) of "office-only"')
  await request.getByRole('button', { name: 'Use aws:SourceIp = 10.0.0.1 in the request' }).click()
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Allow')
  await expect(whyNot.panel()).toHaveCount(0)
})

test('a request MinIO never checks (an S3 action without a bucket) gets no suggestion but says why; ListAllMyBuckets gets its arn:aws:s3:::* statement, which the server honours', async ({ page, world }) => {
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.setDocument(0, 'read-logs', JSON.stringify(readLogs, null, 2))
  await tester.setRequest({ action: 's3:GetObject', bucket: '', object: 'app/today.log' })
  await tester.evaluate()
  const whyNot = new WhyNotPanel(page)
  await expect(whyNot.panel().getByTestId('why-not-note')).toContainText('every S3 request except s3:ListAllMyBuckets names a bucket')
  await expect(whyNot.suggestions()).toHaveCount(0)
  await tester.setRequest({ action: 's3:ListAllMyBuckets', bucket: '', object: '' })
  await tester.evaluate()
  await expect(whyNot.suggestion('newStatement')).toContainText('Allow s3:ListAllMyBuckets on arn:aws:s3:::*')
  // The suggested statement, attached to a user on the live server: that user may list the buckets.
  const { connectionId, call } = await rootConnection(world, 'why-not-e2e-list')
  const statement = { Sid: 'GatehouseAllow', Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: ['arn:aws:s3:::*'] }
  await call('policies.create', { connectionId, name: 'wn-list-all', text: JSON.stringify({ ...readLogs, Statement: [...readLogs.Statement, statement] }) })
  await call('users.create', { connectionId, accessKey: 'wn-bob', secretKey: 'wn-bob-secret-12' })
  const bob = s3Client({ endpoint: world.minio.endpoint, accessKey: 'wn-bob', secretKey: 'wn-bob-secret-12' })
  await expect(bob.listBuckets()).rejects.toMatchObject({ code: 'AccessDenied' })
  await call('policies.attach', { connectionId, target: { user: 'wn-bob' }, policies: ['wn-list-all'] })
  await expect(bob.listBuckets()).resolves.toBeDefined()
})

test('a Deny that is its policy\'s only statement cannot be removed (MinIO refuses an empty policy): the panel suggests detaching that policy', async ({ page, world }) => {
  const tester = new TesterPage(page)
  await tester.open(world.app.openUrl)
  await tester.setDocument(0, 'read-logs', JSON.stringify(readLogs, null, 2))
  await tester.setDocument(1, 'no-app-reads', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/app/*'] }] }, null, 2))
  await tester.setRequest({ action: 's3:GetObject', bucket: 'logs', object: 'app/today.log' })
  await tester.evaluate()
  await expect(tester.verdict()).toHaveText('Explicit Deny')
  const detach = new WhyNotPanel(page).suggestion('detachPolicy')
  await expect(detach).toContainText('Detach "no-app-reads" (its only statement is this Deny) from the user')
  await expect(detach.getByTestId('why-not-detach')).toContainText('Detach no-app-reads from the user (Users screen)')
})
