/**
 * Synthetic deployments for the access benchmarks: N users with 5 policies each drawn from team
 * "roles" (users share policy sets, as in real deployments), groups, access keys, and policies with
 * conditions and `${aws:username}` so the per-identity path is exercised too.
 */
import type { DeploymentModel, ModelAccessKey, ModelGroup, ModelUser } from '../src-main/access/deployment.ts'
import type { PolicyDocument } from '../src-main/policy/index.ts'

const V = '2012-10-17'

function policyNumber(index: number): PolicyDocument {
  const bucket = `bucket-${index % 50}`
  if (index % 10 === 0) return { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`arn:aws:s3:::${bucket}/home/\${aws:username}/*`] }] }
  if (index % 10 === 1) return { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`], Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }] }
  if (index % 10 === 2) return { Version: V, Statement: [{ Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }] }
  return {
    Version: V,
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/team-${index}/*`] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`arn:aws:s3:::${bucket}/team-${index}/uploads/*`] },
    ],
  }
}

export interface WorldOptions {
  users: number
  policies: number
  /** How many distinct 5-policy sets the users are spread over. */
  roles: number
}

export function syntheticWorld({ users, policies, roles }: WorldOptions): DeploymentModel {
  const policyMap = new Map<string, PolicyDocument>()
  for (let index = 0; index < policies; index++) policyMap.set(`policy-${index}`, policyNumber(index))
  const roleSets = Array.from({ length: roles }, (_, role) => Array.from({ length: 5 }, (_, slot) => `policy-${(role * 7 + slot * 13) % policies}`))
  const groups = new Map<string, ModelGroup>()
  for (let index = 0; index < 20; index++) groups.set(`group-${index}`, { name: `group-${index}`, enabled: index !== 19, members: [], policies: [`policy-${(index * 3) % policies}`] })
  const userMap = new Map<string, ModelUser>()
  const accessKeys = new Map<string, ModelAccessKey>()
  for (let index = 0; index < users; index++) {
    const name = `user-${index}`
    const group = `group-${index % 20}`
    userMap.set(name, { name, enabled: index % 97 !== 0, policies: roleSets[index % roles] as string[], groups: index % 3 === 0 ? [group] : [] })
    if (index % 3 === 0) (groups.get(group)?.members as string[]).push(name)
    if (index % 50 === 0) accessKeys.set(`AK${index}`, { accessKey: `AK${index}`, parent: name, enabled: true })
  }
  return { source: 'synthetic', users: userMap, groups, policies: policyMap, accessKeys, buckets: Array.from({ length: 50 }, (_, index) => `bucket-${index}`) }
}

/**
 * The impact benchmarks' world: 1,000 users × 5 policies (400 distinct sets of 200), 20 groups, access
 * keys, and `policy` attached to every user as well (moved to the end of each user's list).
 */
export function worldSharingPolicy(policy: string): DeploymentModel {
  const world = syntheticWorld({ users: 1_000, policies: 200, roles: 400 })
  for (const user of world.users.values()) (user as { policies: readonly string[] }).policies = [...user.policies.filter((name) => name !== policy), policy]
  return world
}
