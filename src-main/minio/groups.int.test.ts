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

describe.each(DEPLOYMENT_KINDS)('groups on a %s deployment', (kind) => {
  const alice = uniqueName('alice')
  const bob = uniqueName('bob')

  const context = useDeployment(kind, async (admin) => {
    await admin.createUser({ accessKey: alice, secretKey: randomSecret() })
    await admin.createUser({ accessKey: bob, secretKey: randomSecret() })
  })

  it('creates a group with members, changes members, and deletes it only when empty', async () => {
    const { admin } = context
    const group = uniqueName('devs')
    await admin.createGroup(group, [bob, alice])
    expect(await admin.getGroup(group)).toEqual({
      name: group,
      status: 'enabled',
      members: [alice, bob].sort(),
      policies: [],
      updatedAt: expect.any(String),
    })
    expect(await admin.listGroups()).toContain(group)
    expect((await admin.getUser(alice)).memberOf).toEqual([group])
    await expectFailure(admin.createGroup(group), 'CONFLICT')

    const refused = await expectFailure(admin.deleteGroup(group), 'CONFLICT')
    expect(refused.message).toContain(`Group '${group}' still has 2 members`)
    expect(refused.details?.members).toEqual([alice, bob].sort())

    await admin.removeGroupMembers(group, [alice])
    expect((await admin.getGroup(group)).members).toEqual([bob])
    await admin.addGroupMembers(group, [alice])
    await admin.removeGroupMembers(group, [alice, bob])
    expect((await admin.getGroup(group)).members).toEqual([])
    await admin.deleteGroup(group)
    await expectFailure(admin.getGroup(group), 'NOT_FOUND')
    expect(await admin.listGroups()).not.toContain(group)
  })

  it('creates an empty group and disables and enables it', async () => {
    const { admin } = context
    const group = uniqueName('empty')
    await admin.createGroup(group)
    expect((await admin.getGroup(group)).members).toEqual([])
    await admin.setGroupStatus(group, 'disabled')
    expect((await admin.getGroup(group)).status).toBe('disabled')
    await admin.setGroupStatus(group, 'enabled')
    expect((await admin.getGroup(group)).status).toBe('enabled')
  })

  it('denies everything to members of a disabled group, and refuses attaching to it', async () => {
    const { admin, deployment } = context
    const group = uniqueName('locked')
    const policy = uniqueName('diag')
    const carol = uniqueName('carol')
    const secretKey = randomSecret()
    await admin.createUser({ accessKey: carol, secretKey })
    await admin.createPolicy(policy, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['admin:ServerInfo'] }],
    })
    await admin.attachPolicies({ user: carol }, [policy])
    await admin.createGroup(group, [carol])
    const carolClient = clientOf(deployment, { accessKey: carol, secretKey })
    expect((await carolClient.serverInfo()).mode).toBe('online')
    await admin.setGroupStatus(group, 'disabled')
    await expectFailure(carolClient.serverInfo(), 'MINIO_ACCESS_DENIED')
    const refused = await expectFailure(admin.attachPolicies({ group }, [policy]), 'CONFLICT')
    expect(refused.message).toContain('disabled')
  })

  it('maps the error paths: unknown group or member, bad names', async () => {
    const { admin } = context
    await expectFailure(admin.getGroup('no-such-group'), 'NOT_FOUND')
    await expectFailure(admin.addGroupMembers('no-such-group', [alice]), 'NOT_FOUND')
    await expectFailure(admin.removeGroupMembers('no-such-group', [alice]), 'NOT_FOUND')
    await expectFailure(admin.deleteGroup('no-such-group'), 'NOT_FOUND')
    await expectFailure(admin.setGroupStatus('no-such-group', 'disabled'), 'NOT_FOUND')
    await expectFailure(admin.createGroup(uniqueName('g'), ['no-such-user']), 'NOT_FOUND')
    await expectFailure(admin.createGroup('a,b'), 'INVALID_INPUT')
    await expectFailure(admin.createGroup(' padded'), 'INVALID_INPUT')
    expect(bucketPolicy('x')).toBeDefined()
  })
})
