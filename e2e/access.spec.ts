import { test } from './fixtures.ts'
import { AccessPage } from './pages/access.page.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { rootConnection } from '../src-main/testbed/worlds/world-seeding.ts'
import { s3Client } from '../src-main/storage/bucket-reader.ts'

const CONNECTION = 'access-e2e'
let setup: Awaited<ReturnType<typeof rootConnection>>
const problems: string[] = []

test.describe.configure({ mode: 'serial' })
test.beforeAll(async ({ world }) => {
  setup = await rootConnection(world, CONNECTION)
  const { connectionId, call } = setup
  const s3 = s3Client({ endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey })
  await s3.makeBucket('acc-logs')
  await s3.setBucketPolicy('acc-logs', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acc-logs/public/*'] }] }))
  const readLogs = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acc-logs/*'] }, { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::acc-logs/*'], Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }] }
  await call('policies.create', { connectionId, name: 'acc-read-logs', text: JSON.stringify(readLogs) })
  await call('users.create', { connectionId, accessKey: 'acc-alice', secretKey: 'acc-alice-secret-1' })
  await call('policies.attach', { connectionId, target: { user: 'acc-alice' }, policies: ['acc-read-logs'] })
})
test.afterAll(async ({ world }) => removeConnections(world))
// Every spec fails on a page error or a console error.
test.beforeEach(({ page }) => {
  problems.length = 0
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
})
test.afterEach(() => expect(problems).toEqual([]))

test('who-can lists the user the policy allows, and flags the conditional write with its key', async ({ page, world }) => {
  await new IamShell(page).connect(world, CONNECTION)
  const access = new AccessPage(page)
  await access.open()
  await access.whoCan('s3:GetObject', 'acc-logs/app.log')
  await expect(access.whoCanRow('acc-alice')).toContainText('acc-read-logs #1')
  await expect(access.whoCanRow('acc-alice')).toHaveAttribute('data-conditional', 'false')
  await access.whoCan('s3:PutObject', 'acc-logs/app.log')
  await expect(access.whoCanRow('acc-alice')).toContainText('conditional on aws:SourceIp')
  // Other specs on this worker's server may add users of their own: only acc-alice's row is asserted.
  await access.whoCan('s3:PutObject', 'acc-logs/app.log', 'aws:SourceIp=192.0.2.1')
  await expect(access.whoCanRow('acc-alice')).toHaveCount(0)
  await expect(access.whoCanSummary()).toContainText('s3:PutObject on acc-logs/app.log')
  await access.whoCan('s3:Get*', 'acc-logs/app.log')
  await expect(page.getByTestId('error-notice')).toContainText('not a pattern')
})

test('the matrix of a user: allow, default deny and conditional cells, the explanation on click, CSV export', async ({ page, world }) => {
  await new IamShell(page).connect(world, CONNECTION)
  const access = new AccessPage(page)
  await access.open()
  await access.matrix('user', 'acc-alice', 's3:GetObject,s3:PutObject,s3:DeleteObject', 'acc-logs/x,other/x')
  await expect(access.cell('s3:GetObject', 'acc-logs/x')).toHaveText('allow')
  await expect(access.cell('s3:PutObject', 'acc-logs/x')).toHaveText('–?')
  await expect(access.cell('s3:DeleteObject', 'acc-logs/x')).toHaveText('–')
  await expect(access.cell('s3:GetObject', 'other/x')).toHaveText('–')
  await access.cell('s3:GetObject', 'acc-logs/x').click()
  await expect(access.explanation()).toContainText('Allow in acc-read-logs, statement 1')
  await access.cell('s3:PutObject', 'acc-logs/x').click()
  await expect(access.explanation()).toContainText('Depends on the request: aws:SourceIp.')
  const csv = await access.exportCsv()
  expect(csv.fileName).toBe('gatehouse-access-user-acc-alice.csv')
  expect(csv.text.split('\n').slice(0, 3)).toEqual(['action,resource,decision,conditional,conditions,decided_by', 's3:GetObject,acc-logs/x,allow,false,,acc-read-logs#1', 's3:GetObject,other/x,implicitDeny,false,,'])
})

test('the checklist of the live server: root credential and the public bucket fail, with why and how to fix', async ({ page, world }) => {
  await new IamShell(page).connect(world, CONNECTION)
  const access = new AccessPage(page)
  await access.open()
  await access.runChecklist()
  await expect(access.checkItem('root-credential')).toHaveAttribute('data-status', 'fail')
  await expect(access.checkItem('anonymous-access')).toContainText('acc-logs: its bucket policy lets anyone (Principal "*") s3:GetObject')
  await expect(access.checkItem('versioning')).toContainText('acc-logs: versioning off')
  await expect(access.checkItem('plain-http')).toHaveAttribute('data-status', 'pass')
  await expect(access.checkItem('anonymous-access')).toContainText('Fix:')
})
