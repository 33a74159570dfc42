import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMc, type Mc } from '../testbed/minio/mc-cli.ts'
import {
  bucketPolicy,
  DEPLOYMENT_KINDS,
  randomSecret,
  uniqueName,
  useDeployment,
} from '../testbed/minio/deployments.ts'

const sorted = (values: string[]) => [...values].sort()

describe.each(DEPLOYMENT_KINDS)('Gatehouse and mc agree on a %s deployment', (kind) => {
  const context = useDeployment(kind)
  let mc: Mc
  beforeAll(async () => {
    mc = await createMc(context.deployment)
  })
  afterAll(() => mc?.cleanup())

  it('mc sees a user, group, policy and attachments made by Gatehouse', async () => {
    const { admin } = context
    const user = uniqueName('gh-user')
    const group = uniqueName('gh-group')
    const policy = uniqueName('gh-policy')
    await admin.createUser({ accessKey: user, secretKey: randomSecret() })
    await admin.createPolicy(policy, bucketPolicy('shared'))
    await admin.createGroup(group, [user])
    await admin.attachPolicies({ user }, [policy, 'readonly'])
    await admin.attachPolicies({ group }, [policy])

    const userInfo = await mc.json('admin', 'user', 'info', 'ALIAS', user)
    expect(userInfo).toMatchObject({
      status: 'success',
      accessKey: user,
      userStatus: 'enabled',
      memberOf: [{ name: group, policies: [policy] }],
    })
    expect(sorted(String(userInfo.policyName).split(','))).toEqual(sorted([policy, 'readonly']))
    expect(await mc.json('admin', 'group', 'info', 'ALIAS', group)).toMatchObject({
      groupName: group,
      members: [user],
      groupStatus: 'enabled',
      groupPolicy: policy,
    })
    const policyInfo = await mc.json('admin', 'policy', 'info', 'ALIAS', policy)
    expect(policyInfo.policyInfo).toMatchObject({
      PolicyName: policy,
      Policy: (await admin.getPolicy(policy)).document,
    })

    const entities = await mc.json(
      'admin',
      'policy',
      'entities',
      'ALIAS',
      '--user',
      user,
      '--group',
      group,
      '--policy',
      policy,
    )
    const ours = await admin.policyEntities({ users: [user], groups: [group], policies: [policy] })
    const theirs = entities.result as Record<string, unknown>
    expect(theirs.userMappings).toEqual(
      ours.userMappings.map(({ user: name, policies, memberOf }) => ({
        user: name,
        policies,
        memberOfMappings: memberOf,
      })),
    )
    expect(theirs.groupMappings).toEqual(ours.groupMappings)
    expect(theirs.policyMappings).toEqual(ours.policyMappings)
  })

  it('Gatehouse sees a user, group, policy, attachment and access key made by mc', async () => {
    const { admin } = context
    const user = uniqueName('mc-user')
    const group = uniqueName('mc-group')
    const policy = uniqueName('mc-policy')
    // A leading letter: mc would read a random secret that begins with '-' as a flag.
    await mc.json('admin', 'user', 'add', 'ALIAS', user, `s${randomSecret()}`)
    await mc.json('admin', 'group', 'add', 'ALIAS', group, user)
    await mc.json(
      'admin',
      'policy',
      'create',
      'ALIAS',
      policy,
      mc.file(`${policy}.json`, JSON.stringify(bucketPolicy('mc-bucket'))),
    )
    await mc.json('admin', 'policy', 'attach', 'ALIAS', policy, '--user', user)
    await mc.json('admin', 'policy', 'attach', 'ALIAS', policy, '--group', group)
    const key = await mc.json(
      'admin',
      'accesskey',
      'create',
      'ALIAS',
      user,
      '--name',
      'from-mc',
      '--description',
      'made by mc',
    )

    expect(await admin.getUser(user)).toMatchObject({
      accessKey: user,
      status: 'enabled',
      policies: [policy],
      memberOf: [group],
    })
    expect(await admin.getGroup(group)).toMatchObject({
      name: group,
      status: 'enabled',
      members: [user],
      policies: [policy],
    })
    expect((await admin.getPolicy(policy)).document).toMatchObject({
      Statement: [{ Resource: ['arn:aws:s3:::mc-bucket/*'] }],
    })
    expect((await admin.policyEntities({ policies: [policy] })).policyMappings).toEqual([
      { policy, users: [user], groups: [group] },
    ])
    expect(await admin.getAccessKey(String(key.accessKey))).toMatchObject({
      parentUser: user,
      name: 'from-mc',
      description: 'made by mc',
      status: 'enabled',
      impliedPolicy: true,
    })
  })

  it('mc reads an access key made by Gatehouse, session policy included', async () => {
    const { admin } = context
    const user = uniqueName('key-owner')
    await admin.createUser({ accessKey: user, secretKey: randomSecret() })
    await admin.attachPolicies({ user }, ['readwrite'])
    const created = await admin.createAccessKey({
      targetUser: user,
      policy: bucketPolicy('scoped'),
      name: 'scoped',
      description: 'by gatehouse',
    })
    const info = await mc.json('admin', 'accesskey', 'info', 'ALIAS', created.accessKey)
    expect(info).toMatchObject({
      accessKey: created.accessKey,
      parentUser: user,
      accountStatus: 'on',
      name: 'scoped',
      description: 'by gatehouse',
    })
    // mc omits impliedPolicy when false.
    expect(info.impliedPolicy ?? false).toBe(false)
    expect(info.policy).toMatchObject({ Statement: [{ Resource: ['arn:aws:s3:::scoped/*'] }] })
  })
})
