import type { Page } from '@playwright/test'
import { AdminClient } from '../src-main/minio/index.ts'
import { s3Client } from '../src-main/storage/bucket-reader.ts'
import { test, type GatehouseWorld } from './fixtures.ts'
import { expect, IamShell, removeConnections } from './pages/iam-shell.page.ts'
import { GroupsPage } from './pages/groups.page.ts'
import { AccessKeysPage } from './pages/access-keys.page.ts'
import { ImpactPreviewPart } from './pages/impact.page.ts'
import { PoliciesPage } from './pages/policies.page.ts'
import { UsersPage } from './pages/users.page.ts'

// Every change that alters access is confirmed with who gains and who loses what, worked out
// before the change; Cancel applies nothing. Each claim is then checked on the live MinIO with the
// affected user's own credentials.
test.describe.configure({ mode: 'serial' })
test.afterAll(async ({ world }) => removeConnections(world))

const CONNECTION = 'impact-e2e'
const BUCKET = 'impact-e2e'
const SECRET = 'impact-e2e-secret-0123'
const ivy = 'ivy-e2e'
const jack = 'jack-e2e'
const kim = 'kim-e2e'
const team = 'impact-team'
const readPolicy = 'impact-read'
const read = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }] })

const root = (world: GatehouseWorld) => ({ endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey })
const drain = (stream: NodeJS.ReadableStream) => new Promise((resolve, reject) => stream.on('data', () => {}).on('end', resolve).on('error', reject))

/** What the live server lets `user` do, with its own credentials: read the object, list the bucket. */
async function live(world: GatehouseWorld, user: string, secretKey = SECRET): Promise<{ get: boolean; list: boolean }> {
  const client = s3Client({ endpoint: world.minio.endpoint, accessKey: user, secretKey })
  const allowed = async (call: () => Promise<unknown>) => call().then(() => true, (error: { code?: string }) => {
    if (error.code === 'AccessDenied' || error.code === 'InvalidAccessKeyId') return false
    throw error
  })
  return { get: await allowed(async () => drain(await client.getObject(BUCKET, 'report.csv'))), list: await allowed(() => drain(client.listObjectsV2(BUCKET, '', false))) }
}

async function policiesOf(world: GatehouseWorld, user: string): Promise<string[]> {
  const admin = new AdminClient(root(world))
  try {
    return (await admin.getUser(user)).policies
  } finally {
    admin.close()
  }
}

async function open(page: Page, world: GatehouseWorld, section: 'Users' | 'Groups' | 'Policies' | 'Access keys'): Promise<IamShell> {
  const shell = new IamShell(page)
  await shell.start(world, CONNECTION, section)
  return shell
}

test.beforeAll(async ({ world }) => {
  const s3 = s3Client(root(world))
  await s3.makeBucket(BUCKET)
  await s3.putObject(BUCKET, 'report.csv', Buffer.from('a,b\n'))
  const admin = new AdminClient(root(world))
  try {
    await admin.createPolicy(readPolicy, read(['s3:GetObject', 's3:ListBucket']))
    for (const user of [ivy, jack]) await admin.createUser({ accessKey: user, secretKey: SECRET })
    await admin.createGroup(team, [jack])
    await admin.attachPolicies({ group: team }, [readPolicy])
  } finally {
    admin.close()
  }
})

test('attach a policy to a user: the gains are named before confirming; Cancel applies nothing; Confirm does what it said', async ({ page, world }) => {
  await open(page, world, 'Users')
  const users = new UsersPage(page)
  await users.select(ivy)
  const preview = new ImpactPreviewPart(await users.askAttach(readPolicy))
  const ivyGains = preview.principal('gained', 'user', ivy)
  await expect(ivyGains).toContainText(`s3:GetObject on ${BUCKET}/x`)
  await expect(ivyGains).toContainText(`s3:ListBucket on ${BUCKET}`)
  await expect(preview.side('lost')).toHaveCount(0)

  await preview.cancel().click()
  await expect(preview.root()).toBeHidden()
  expect(await policiesOf(world, ivy)).toEqual([])
  expect(await live(world, ivy)).toEqual({ get: false, list: false })

  const again = new ImpactPreviewPart(await users.askAttach(readPolicy))
  await expect(again.principal('gained', 'user', ivy)).toBeVisible()
  await again.confirm('Attach').click()
  await expect(again.root()).toBeHidden()
  await expect(users.attachedPolicies()).toContainText(readPolicy)
  expect(await live(world, ivy)).toEqual({ get: true, list: true })
})

test('detach: the losses are named, and after confirming the server refuses them', async ({ page, world }) => {
  await open(page, world, 'Users')
  const users = new UsersPage(page)
  await users.select(ivy)
  const preview = new ImpactPreviewPart(await users.askDetach(readPolicy))
  await expect(preview.principal('lost', 'user', ivy)).toContainText(`s3:GetObject on ${BUCKET}/x`)
  await expect(preview.side('gained')).toHaveCount(0)
  await preview.confirm('Detach').click()
  await expect(preview.root()).toBeHidden()
  await expect(users.attachedPolicies()).not.toContainText(readPolicy)
  expect(await live(world, ivy)).toEqual({ get: false, list: false })
})

test('disabling a group: its member loses everything; enabling it gives it back', async ({ page, world }) => {
  await open(page, world, 'Groups')
  const groups = new GroupsPage(page)
  await groups.select(team)
  const disable = new ImpactPreviewPart(await groups.askStatus(team, 'Disable'))
  await expect(disable.principal('lost', 'user', jack)).toContainText(`s3:GetObject on ${BUCKET}/x`)
  await expect(disable.principal('lost', 'group', team)).toBeVisible()
  await disable.confirm('Disable group').click()
  await expect(disable.root()).toBeHidden()
  await expect(groups.detail().getByTestId('group-disabled')).toBeVisible()
  expect(await live(world, jack)).toEqual({ get: false, list: false })

  const enable = new ImpactPreviewPart(await groups.askStatus(team, 'Enable'))
  await expect(enable.principal('gained', 'user', jack)).toContainText(`s3:ListBucket on ${BUCKET}`)
  await enable.confirm('Enable group').click()
  await expect(enable.root()).toBeHidden()
  await expect(groups.detail().getByTestId('group-disabled')).toHaveCount(0)
  expect(await live(world, jack)).toEqual({ get: true, list: true })
})

test('a policy edit that removes access shows the loss before saving; Cancel keeps the server\'s document', async ({ page, world }) => {
  await open(page, world, 'Policies')
  const policies = new PoliciesPage(page)
  await policies.select(readPolicy)
  await policies.setText(JSON.stringify(read(['s3:GetObject']), null, 2))
  const preview = new ImpactPreviewPart(await policies.askSubmit('Save changes'))
  const jackLoses = preview.principal('lost', 'user', jack)
  await expect(jackLoses).toContainText(`s3:ListBucket on ${BUCKET}`)
  await expect(jackLoses).not.toContainText('s3:GetObject')
  await expect(preview.principal('lost', 'group', team)).toBeVisible()
  await expect(preview.side('gained')).toHaveCount(0)

  await preview.cancel().click()
  expect(await live(world, jack)).toEqual({ get: true, list: true })

  const again = new ImpactPreviewPart(await policies.askSubmit('Save changes'))
  await expect(again.principal('lost', 'user', jack)).toBeVisible()
  await again.confirm('Save changes').click()
  // The dialog closes once the save has been answered and the policy read again.
  await expect(again.root()).toBeHidden()
  await expect(policies.editor().getByRole('button', { name: 'Save changes' })).toBeDisabled()
  expect(await live(world, jack)).toEqual({ get: true, list: false })
})

test('a change that alters no one\'s access says so', async ({ page, world }) => {
  await open(page, world, 'Users')
  const users = new UsersPage(page)
  await users.select(ivy)
  // ivy is in no group and has no policy: disabling her takes nothing away.
  await users.detail().getByRole('button', { name: 'Disable', exact: true }).click()
  const preview = new ImpactPreviewPart(page.getByRole('dialog', { name: `Disable user ${ivy}?` }))
  await expect(preview.none()).toHaveText('No one gains or loses access.')
  await preview.cancel().click()
  await expect(users.status()).toHaveText('enabled')
})

test('a new user with a policy and a group: the preview names its access before it is created', async ({ page, world }) => {
  await open(page, world, 'Users')
  const users = new UsersPage(page)
  const preview = new ImpactPreviewPart(await users.askCreate(kim, { policies: [readPolicy], groups: [team], secret: SECRET }))
  // readPolicy was narrowed to GetObject above: kim may read the object, not list the bucket.
  await expect(preview.principal('gained', 'user', kim)).toContainText(`s3:GetObject on ${BUCKET}/x`)
  await expect(preview.principal('gained', 'user', kim)).not.toContainText('s3:ListBucket')
  await expect(preview.side('lost')).toHaveCount(0)
  expect(await live(world, kim)).toEqual({ get: false, list: false })
  await preview.confirm('Create user').click()
  await expect(preview.root()).toBeHidden()
  await users.dismissSecret()
  expect(await live(world, kim)).toEqual({ get: true, list: false })
})

test('a new access key with a session policy: its owner’s access ∩ the policy, then what the key really may do', async ({ page, world }) => {
  await open(page, world, 'Access keys')
  const keys = new AccessKeysPage(page)
  const preview = new ImpactPreviewPart(await keys.askCreateWithPolicy({ owner: jack, sessionPolicy: JSON.stringify(read(['s3:GetObject', 's3:ListBucket'])) }))
  const gains = preview.principal('gained', 'accessKey', '(new access key)')
  await expect(gains).toContainText(`s3:GetObject on ${BUCKET}/x`)
  // jack may not list the bucket any more: a session policy cannot give what its owner lacks.
  await expect(gains).not.toContainText('s3:ListBucket')
  await preview.confirm('Create access key').click()
  await expect(preview.root()).toBeHidden()
  const secret = keys.secretOnce()
  const accessKey = await secret.getByTestId('secret-access-key').innerText()
  const secretKey = await secret.getByTestId('secret-value').innerText()
  await secret.getByRole('button', { name: 'I have saved it' }).click()
  expect(await live(world, accessKey, secretKey)).toEqual({ get: true, list: false })
})

test('a new key of the root account with a session policy: the preview shows the policy\'s access (root has all), then what the key really may do', async ({ page, world }) => {
  await open(page, world, 'Access keys')
  const keys = new AccessKeysPage(page)
  const form = await keys.openCreateForm()
  await form.getByLabel('Session policy (JSON)').fill(JSON.stringify(read(['s3:GetObject'])))
  await form.getByRole('button', { name: 'Create access key' }).click()
  const dialog = page.getByRole('dialog', { name: "Create an access key for this connection's account?" })
  const preview = new ImpactPreviewPart(dialog)
  const gains = preview.principal('gained', 'accessKey', '(new access key)')
  await expect(gains).toContainText(`s3:GetObject on ${BUCKET}/x`)
  // Root may list the bucket; the session policy does not say so, and so the key may not.
  await expect(gains).not.toContainText('s3:ListBucket')
  await expect(preview.side('lost')).toHaveCount(0)
  await preview.confirm('Create access key').click()
  await expect(dialog).toBeHidden()
  const secret = keys.secretOnce()
  const accessKey = await secret.getByTestId('secret-access-key').innerText()
  const secretKey = await secret.getByTestId('secret-value').innerText()
  await secret.getByRole('button', { name: 'I have saved it' }).click()
  expect(await live(world, accessKey, secretKey)).toEqual({ get: true, list: false })
})

test('deleting a group: the group itself and the members it gave access lose; a member with its own policy keeps it', async ({ page, world }) => {
  await open(page, world, 'Groups')
  const groups = new GroupsPage(page)
  await groups.select(team)
  const preview = new ImpactPreviewPart(await groups.askDelete(team))
  await expect(preview.principal('lost', 'group', team)).toContainText(`s3:GetObject on ${BUCKET}/x`)
  await expect(preview.principal('lost', 'user', jack)).toContainText(`s3:GetObject on ${BUCKET}/x`)
  await expect(preview.principal('lost', 'user', kim)).toHaveCount(0)
  await preview.confirm('Remove 2 members and delete group').click()
  await expect(preview.root()).toBeHidden()
  await expect(groups.row(team)).toHaveCount(0)
  expect(await live(world, jack)).toEqual({ get: false, list: false })
  expect(await live(world, kim)).toEqual({ get: true, list: false })
})
