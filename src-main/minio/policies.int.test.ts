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

describe.each(DEPLOYMENT_KINDS)('policies on a %s deployment', (kind) => {
  const context = useDeployment(kind)

  it('creates, reads with dates, lists, updates and deletes a policy', async () => {
    const { admin } = context
    const name = uniqueName('logs-rw')
    await admin.createPolicy(name, bucketPolicy('logs'))
    const created = await admin.getPolicy(name)
    expect(created.name).toBe(name)
    expect(created.document).toMatchObject({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }],
    })
    expect(Date.parse(created.createdAt!)).toBeGreaterThan(0)
    await expectFailure(admin.createPolicy(name, bucketPolicy('logs')), 'CONFLICT')

    await admin.updatePolicy(name, JSON.stringify(bucketPolicy('logs', ['s3:PutObject'])))
    const updated = await admin.getPolicy(name)
    expect(updated.document).toMatchObject({ Statement: [{ Action: ['s3:PutObject'] }] })
    expect(updated.createdAt).toBe(created.createdAt)
    expect(Date.parse(updated.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt!))

    const names = (await admin.listPolicies()).map((policy) => policy.name)
    expect(names).toEqual(
      expect.arrayContaining([name, 'readwrite', 'readonly', 'writeonly', 'diagnostics', 'consoleAdmin']),
    )
    const builtIn = await admin.getPolicy('readonly')
    expect(builtIn.createdAt).toBeUndefined()

    await admin.deletePolicy(name)
    await expectFailure(admin.getPolicy(name), 'NOT_FOUND')
  })

  it('rejects bad documents and names with MinIO reasons', async () => {
    const { admin } = context
    const malformed = await expectFailure(
      admin.createPolicy(uniqueName('bad'), {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:NoSuchAction'], Resource: ['arn:aws:s3:::x'] }],
      }),
      'INVALID_INPUT',
    )
    expect(malformed.message).toContain('XMinioMalformedIAMPolicy')
    await expectFailure(
      admin.createPolicy(uniqueName('noversion'), {
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::x/*'] }],
      }),
      'INVALID_INPUT',
    )
    await expectFailure(admin.createPolicy('a,b', bucketPolicy('x')), 'INVALID_INPUT')
    await expectFailure(admin.createPolicy(uniqueName('huge'), 'x'.repeat(20_481)), 'INVALID_INPUT')
    await expectFailure(admin.updatePolicy('no-such-policy', bucketPolicy('x')), 'NOT_FOUND')
    await expectFailure(admin.deletePolicy('no-such-policy'), 'NOT_FOUND')
    await expectFailure(admin.deletePolicy('readonly'), 'INVALID_INPUT')
  })

  it('attaches and detaches policies to users and groups, and lists the entities', async () => {
    const { admin } = context
    const user = uniqueName('user')
    const group = uniqueName('group')
    const first = uniqueName('p1')
    const second = uniqueName('p2')
    await admin.createUser({ accessKey: user, secretKey: randomSecret() })
    await admin.createGroup(group, [user])
    await admin.createPolicy(first, bucketPolicy('one'))
    await admin.createPolicy(second, bucketPolicy('two'))

    expect((await admin.attachPolicies({ user }, [first, second])).policies.sort()).toEqual(
      [first, second].sort(),
    )
    expect((await admin.attachPolicies({ group }, [first])).policies).toEqual([first])
    expect((await admin.getUser(user)).policies.sort()).toEqual([first, second].sort())
    expect((await admin.getGroup(group)).policies).toEqual([first])

    const byPolicy = await admin.policyEntities({ policies: [first, second] })
    expect(byPolicy.policyMappings).toEqual(
      [
        { policy: first, users: [user], groups: [group] },
        { policy: second, users: [user], groups: [] },
      ].sort((left, right) => left.policy.localeCompare(right.policy)),
    )
    const byUser = await admin.policyEntities({ users: [user] })
    expect(byUser.userMappings).toEqual([
      { user, policies: [first, second].sort(), memberOf: [{ group, policies: [first] }] },
    ])
    const byGroup = await admin.policyEntities({ groups: [group] })
    expect(byGroup.groupMappings).toEqual([{ group, policies: [first] }])

    await expectFailure(admin.attachPolicies({ user }, [first]), 'CONFLICT')
    expect((await admin.detachPolicies({ user }, [second, 'never-attached'])).policies).toEqual([second])
    await expectFailure(admin.detachPolicies({ user }, [second]), 'CONFLICT')
    expect((await admin.getUser(user)).policies).toEqual([first])

    // With the attached set known, the reply is not decrypted; the answer and the server agree.
    const knownBefore = (await admin.getUser(user)).policies
    expect((await admin.attachPolicies({ user }, [first, second], { knownBefore })).policies).toEqual([second])
    expect((await admin.getUser(user)).policies.sort()).toEqual([first, second].sort())
    await expectFailure(admin.attachPolicies({ user }, [second], { knownBefore: [first, second] }), 'CONFLICT')
    expect((await admin.detachPolicies({ user }, [first, 'never-attached'], { knownBefore: [first, second] })).policies).toEqual([first])
    expect((await admin.getUser(user)).policies).toEqual([second])
  })

  it('refuses to delete an attached policy and names who uses it', async () => {
    const { admin } = context
    const policy = uniqueName('readwrite-logs')
    const users = [uniqueName('u'), uniqueName('u')]
    const group = uniqueName('g')
    await admin.createPolicy(policy, bucketPolicy('logs'))
    for (const user of users) {
      await admin.createUser({ accessKey: user, secretKey: randomSecret() })
      await admin.attachPolicies({ user }, [policy])
    }
    await admin.createGroup(group)
    await admin.attachPolicies({ group }, [policy])
    const refused = await expectFailure(admin.deletePolicy(policy), 'CONFLICT')
    expect(refused.message).toContain(`Policy '${policy}' is still attached to 2 users and 1 group`)
    expect(refused.details).toMatchObject({
      users: [...users].sort(),
      groups: [group],
      minioCode: 'XMinioIAMPolicyInUse',
    })
    expect((await admin.getPolicy(policy)).name).toBe(policy)
  })

  it('maps attach error paths: unknown policy, unknown or disabled user, unknown group, empty list', async () => {
    const { admin, deployment } = context
    const user = uniqueName('target')
    const policy = uniqueName('p')
    await admin.createUser({ accessKey: user, secretKey: randomSecret() })
    await admin.createPolicy(policy, bucketPolicy('x'))
    await expectFailure(admin.attachPolicies({ user }, ['no-such-policy']), 'NOT_FOUND')
    await expectFailure(admin.attachPolicies({ user: 'no-such-user' }, [policy]), 'NOT_FOUND')
    await expectFailure(admin.attachPolicies({ group: 'no-such-group' }, [policy]), 'NOT_FOUND')
    await expectFailure(admin.attachPolicies({ user }, []), 'INVALID_INPUT')
    await admin.setUserStatus(user, 'disabled')
    // MinIO: a disabled user counts as non-existent for attach (§4.7).
    await expectFailure(admin.attachPolicies({ user }, [policy]), 'NOT_FOUND')
    await expectFailure(admin.attachPolicies({ user: deployment.root.accessKey }, [policy]), 'INVALID_INPUT')
  })

  it('gives an attached policy effect: a user with diagnostics may read server info', async () => {
    const { admin, deployment } = context
    const user = uniqueName('diag')
    const secretKey = randomSecret()
    await admin.createUser({ accessKey: user, secretKey })
    const client = clientOf(deployment, { accessKey: user, secretKey })
    await expectFailure(client.serverInfo(), 'MINIO_ACCESS_DENIED')
    await admin.attachPolicies({ user }, ['diagnostics'])
    expect((await client.serverInfo()).mode).toBe('online')
    expect((await client.accountInfo()).policy).toMatchObject({ Statement: expect.any(Array) })
  })
})
