import { describe, expect, it } from 'vitest'
import {
  bucketPolicy,
  clientOf,
  DEPLOYMENT_KINDS,
  expectFailure,
  randomSecret,
  uniqueName,
  useDeployment,
} from '../testbed/minio/deployments.ts'

const DAY = 24 * 60 * 60 * 1000

describe.each(DEPLOYMENT_KINDS)('access keys on a %s deployment', (kind) => {
  const owner = uniqueName('owner')
  const ownerSecret = randomSecret()

  const context = useDeployment(kind, async (admin) => {
    await admin.createUser({ accessKey: owner, secretKey: ownerSecret })
    await admin.attachPolicies({ user: owner }, ['readwrite'])
  })

  it('creates a key for a user with session policy, name, description and expiry; edits keep the session policy', async () => {
    const { admin } = context
    const expiresAt = new Date(Date.now() + 30 * DAY)
    const created = await admin.createAccessKey({
      targetUser: owner,
      accessKey: uniqueName('ak').slice(0, 20),
      secretKey: randomSecret(),
      policy: bucketPolicy('reports'),
      name: 'reports-reader',
      description: 'nightly export',
      expiresAt: expiresAt.toISOString(),
    })
    expect(created.expiresAt).toBe(new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString())
    const details = await admin.getAccessKey(created.accessKey)
    expect(details).toMatchObject({
      accessKey: created.accessKey,
      parentUser: owner,
      status: 'enabled',
      name: 'reports-reader',
      description: 'nightly export',
      impliedPolicy: false,
      expiresAt: created.expiresAt,
    })
    expect(details.policy).toMatchObject({ Statement: [{ Resource: ['arn:aws:s3:::reports/*'] }] })

    // §4.8: without resending, MinIO would drop the session policy and widen the key.
    await admin.updateAccessKey(created.accessKey, { description: 'weekly export' })
    const edited = await admin.getAccessKey(created.accessKey)
    expect(edited).toMatchObject({ description: 'weekly export', impliedPolicy: false })
    expect(edited.policy).toEqual(details.policy)
  })

  it('disables and enables a key, keeping its session policy, and can drop the policy on purpose', async () => {
    const { admin, deployment } = context
    const created = await admin.createAccessKey({ targetUser: owner, policy: bucketPolicy('reports') })
    await admin.setAccessKeyStatus(created.accessKey, 'disabled')
    expect(await admin.getAccessKey(created.accessKey)).toMatchObject({
      status: 'disabled',
      impliedPolicy: false,
    })
    await expectFailure(clientOf(deployment, created).accountInfo(), 'MINIO_AUTH_FAILED')
    await admin.setAccessKeyStatus(created.accessKey, 'enabled')
    expect((await clientOf(deployment, created).accountInfo()).accountName).toBe(owner)

    await admin.updateAccessKey(created.accessKey, { policy: null })
    expect((await admin.getAccessKey(created.accessKey)).impliedPolicy).toBe(true)
  })

  it('lists keys per user and in bulk, and deletes them', async () => {
    const { admin, deployment } = context
    const first = await admin.createAccessKey({ targetUser: owner })
    expect(first.accessKey).toMatch(/^[A-Z0-9]{20}$/)
    expect(first.secretKey).toHaveLength(40)
    expect(first.expiresAt).toBeUndefined()
    const listed = await admin.listAccessKeys(owner)
    expect(listed.find((key) => key.accessKey === first.accessKey)).toEqual({
      accessKey: first.accessKey,
      parentUser: owner,
      status: 'enabled',
      impliedPolicy: true,
    })
    const bulk = await admin.listAccessKeysBulk([owner, 'no-such-user'], 'svcacc-only')
    expect(Object.keys(bulk)).toEqual([owner])
    expect(bulk[owner]!.serviceAccounts.map((key) => key.accessKey)).toContain(first.accessKey)
    const all = await admin.listAccessKeysBulk('all')
    expect(Object.keys(all)).toEqual(expect.arrayContaining([owner, deployment.root.accessKey]))

    await admin.deleteAccessKey(first.accessKey)
    expect((await admin.listAccessKeys(owner)).some((key) => key.accessKey === first.accessKey)).toBe(false)
    await expectFailure(admin.deleteAccessKey(first.accessKey), 'NOT_FOUND')
    await expectFailure(admin.getAccessKey(first.accessKey), 'NOT_FOUND')
  })

  it('creates a key for the connected credential itself, usable at once', async () => {
    const { deployment } = context
    const ownerClient = clientOf(deployment, { accessKey: owner, secretKey: ownerSecret })
    const created = await ownerClient.createAccessKey({ name: 'self-made' })
    expect((await ownerClient.listAccessKeys()).map((key) => key.accessKey)).toContain(created.accessKey)
    expect((await clientOf(deployment, created).accountInfo()).accountName).toBe(owner)
  })

  it('maps the error paths: expiry out of range, unknown or disabled owner, duplicate key, bad labels', async () => {
    const { admin } = context
    const outOfRange = await expectFailure(
      admin.createAccessKey({ targetUser: owner, expiresAt: new Date(Date.now() + 400 * DAY).toISOString() }),
      'INVALID_INPUT',
    )
    expect(outOfRange.message).toContain('expiry')
    await expectFailure(
      admin.createAccessKey({ targetUser: owner, expiresAt: new Date(Date.now() - DAY).toISOString() }),
      'INVALID_INPUT',
    )
    await expectFailure(admin.createAccessKey({ targetUser: 'no-such-user' }), 'NOT_FOUND')
    const disabled = uniqueName('off')
    await admin.createUser({ accessKey: disabled, secretKey: randomSecret(), status: 'disabled' })
    await expectFailure(admin.createAccessKey({ targetUser: disabled }), 'NOT_FOUND')
    const taken = await admin.createAccessKey({ targetUser: owner })
    await expectFailure(
      admin.createAccessKey({ targetUser: owner, accessKey: taken.accessKey, secretKey: randomSecret() }),
      'CONFLICT',
    )
    await expectFailure(
      admin.createAccessKey({ targetUser: owner, name: '9-starts-with-digit' }),
      'INVALID_INPUT',
    )
    await expectFailure(
      admin.createAccessKey({ targetUser: owner, accessKey: 'x'.repeat(21), secretKey: randomSecret() }),
      'INVALID_INPUT',
    )
    await expectFailure(admin.updateAccessKey('NOSUCHKEY', { status: 'disabled' }), 'NOT_FOUND')
  })
})
