import { describe, expect, it } from 'vitest'
import {
  clientOf,
  DEPLOYMENT_KINDS,
  expectFailure,
  randomSecret,
  uniqueName,
  useDeployment,
} from '../testbed/minio/deployments.ts'

describe.each(DEPLOYMENT_KINDS)('users on a %s deployment', (kind) => {
  const context = useDeployment(kind)

  it('creates, lists, reads and removes a user', async () => {
    const { admin, deployment } = context
    const accessKey = uniqueName('alice')
    await admin.createUser({ accessKey, secretKey: randomSecret() })
    expect(await admin.getUser(accessKey)).toEqual({
      accessKey,
      status: 'enabled',
      policies: [],
      memberOf: [],
    })
    const listed = await admin.listUsers()
    expect(listed.find((user) => user.accessKey === accessKey)).toEqual({
      accessKey,
      status: 'enabled',
      policies: [],
      memberOf: [],
    })
    expect(listed.some((user) => user.accessKey === deployment.root.accessKey)).toBe(false)
    await admin.removeUser(accessKey)
    await expectFailure(admin.getUser(accessKey), 'NOT_FOUND')
  })

  it('refuses to create a user twice instead of overwriting its secret', async () => {
    const { admin, deployment } = context
    const accessKey = uniqueName('twice')
    const secretKey = randomSecret()
    await admin.createUser({ accessKey, secretKey })
    const failure = await expectFailure(
      admin.createUser({ accessKey, secretKey: randomSecret() }),
      'CONFLICT',
    )
    expect(failure.message).toContain(`'${accessKey}' already exists`)
    // The original secret still works.
    expect((await clientOf(deployment, { accessKey, secretKey }).accountInfo()).accountName).toBe(accessKey)
  })

  it('changes a secret: the new one works, the old one is rejected, the status is kept', async () => {
    const { admin, deployment } = context
    const accessKey = uniqueName('rotate')
    const oldSecret = randomSecret()
    const newSecret = randomSecret()
    await admin.createUser({ accessKey, secretKey: oldSecret })
    await admin.setUserStatus(accessKey, 'disabled')
    await admin.setUserSecret(accessKey, newSecret)
    expect((await admin.getUser(accessKey)).status).toBe('disabled')
    await admin.setUserStatus(accessKey, 'enabled')
    expect((await clientOf(deployment, { accessKey, secretKey: newSecret }).accountInfo()).accountName).toBe(
      accessKey,
    )
    const failure = await expectFailure(
      clientOf(deployment, { accessKey, secretKey: oldSecret }).accountInfo(),
      'MINIO_AUTH_FAILED',
    )
    expect(failure.message).toContain('SignatureDoesNotMatch')
  })

  it('disables and enables a user; a disabled user cannot sign in', async () => {
    const { admin, deployment } = context
    const accessKey = uniqueName('dis')
    const secretKey = randomSecret()
    await admin.createUser({ accessKey, secretKey })
    await admin.setUserStatus(accessKey, 'disabled')
    expect((await admin.getUser(accessKey)).status).toBe('disabled')
    const failure = await expectFailure(
      clientOf(deployment, { accessKey, secretKey }).accountInfo(),
      'MINIO_AUTH_FAILED',
    )
    expect(failure.message).toContain('disabled')
    await admin.setUserStatus(accessKey, 'enabled')
    expect((await admin.getUser(accessKey)).status).toBe('enabled')
  })

  it('maps the error paths: unknown user, bad keys, root, no permission', async () => {
    const { admin, deployment } = context
    await expectFailure(admin.getUser('no-such-user'), 'NOT_FOUND')
    await expectFailure(admin.removeUser('no-such-user'), 'NOT_FOUND')
    await expectFailure(admin.setUserStatus('no-such-user', 'disabled'), 'NOT_FOUND')
    await expectFailure(admin.setUserSecret('no-such-user', randomSecret()), 'NOT_FOUND')
    await expectFailure(
      admin.createUser({ accessKey: uniqueName('short'), secretKey: 'short' }),
      'INVALID_INPUT',
    )
    await expectFailure(admin.createUser({ accessKey: 'a,b', secretKey: randomSecret() }), 'INVALID_INPUT')
    // MinIO: root is not an IAM user, so removing it is NOT_FOUND (the spec guessed 403).
    await expectFailure(admin.removeUser(deployment.root.accessKey), 'NOT_FOUND')
    const accessKey = uniqueName('nopolicy')
    const secretKey = randomSecret()
    await admin.createUser({ accessKey, secretKey })
    const denied = await expectFailure(
      clientOf(deployment, { accessKey, secretKey }).serverInfo(),
      'MINIO_ACCESS_DENIED',
    )
    expect(denied.message).toContain('admin:ServerInfo')
    await expectFailure(clientOf(deployment, { accessKey, secretKey }).listUsers(), 'MINIO_ACCESS_DENIED')
  })

  it('reads account info for root: consoleAdmin-like policy', async () => {
    const { admin, deployment } = context
    const info = await admin.accountInfo()
    expect(info.accountName).toBe(deployment.root.accessKey)
    expect(JSON.stringify(info.policy)).toContain('admin:*')
    expect(info.buckets).toEqual([])
  })
})
