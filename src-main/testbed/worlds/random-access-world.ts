/**
 * A seeded random deployment for the access analyzer's equivalence test: users that share policy
 * lists (so answers are shared per shape) and users with lists of their own, policies with Deny,
 * conditions, NotResource, `${aws:username}` and one that does not decode, missing policy names,
 * disabled users and groups, and access keys (session policies, disabled, expired).
 */
import type { DeploymentModel, ModelAccessKey, ModelGroup, ModelUser } from '../../access/deployment.ts'
import type { PolicyDocument, PolicyStatementDocument } from '../../policy/types.ts'
import { Random } from '../policy-fuzz/seeded-random.ts'

export const RANDOM_WORLD_NOW = new Date('2026-12-01T12:00:00Z')
export const RANDOM_WORLD_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketPolicy', 'admin:CreateUser']
export const RANDOM_WORLD_RESOURCES = ['data/x', 'data/team-1/a', 'home/user-3/f', 'logs', 'logs/team-2/', 'pub/team-2/y', 'data']
export const RANDOM_WORLD_CONTEXTS: Array<Record<string, string[]>> = [{}, { 'aws:SourceIp': ['10.1.2.3'], 'aws:SecureTransport': ['true'] }, { 'aws:SourceIp': ['8.8.8.8'] }]

const BUCKETS = ['data', 'logs', 'home', 'pub']
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:*', 's3:Get*', 'admin:*']
const CONDITIONS: Array<Record<string, Record<string, string[]>>> = [
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
  { StringEquals: { 'aws:username': ['user-3'] } },
  { Bool: { 'aws:SecureTransport': ['true'] } },
  { StringLike: { 's3:prefix': ['team-2/*'] } },
]

function resourceOf(random: Random): string {
  const bucket = random.pick(BUCKETS)
  return random.pick([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}/team-${random.int(1, 2)}/*`, 'arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::*'])
}

function statementOf(random: Random): PolicyStatementDocument {
  const resources = random.some([0, 1, 2].map(() => resourceOf(random)), 1, 2)
  return {
    Effect: random.chance(0.75) ? 'Allow' : 'Deny',
    Action: [...new Set(random.some(ACTIONS, 1, 3))],
    ...(random.chance(0.1) ? { NotResource: resources } : { Resource: resources }),
    ...(random.chance(0.35) ? { Condition: random.pick(CONDITIONS) } : {}),
  }
}

function policyOf(random: Random): PolicyDocument {
  return { Version: '2012-10-17', Statement: Array.from({ length: random.int(1, 3) }, () => statementOf(random)) }
}

/** The world for `seed`: ~150 users (most sharing 8 lists), 7 groups, 30 access keys. */
export function randomAccessWorld(seed: number): DeploymentModel {
  const random = new Random(seed)
  const policies = new Map<string, PolicyDocument>(Array.from({ length: 14 }, (_, index) => [`policy-${index}`, policyOf(random)]))
  // MinIO decodes stored policies without validation; one that does not decode denies its holders everything.
  policies.set('broken', { Version: '2012-10-17', Statement: [{ Effect: 'Perhaps', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::*'] }] })
  const names = [...policies.keys(), 'missing-policy']
  const groups = new Map<string, ModelGroup>()
  for (let index = 0; index < 7; index++) groups.set(`group-${index}`, { name: `group-${index}`, enabled: index !== 6, members: [], policies: random.some(names, 0, 2) })
  const roles = Array.from({ length: 8 }, () => random.some(names, 0, 4))
  const users = new Map<string, ModelUser>()
  for (let index = 0; index < 150; index++) {
    const name = `user-${index}`
    // Copies, as a snapshot gives them: equal lists are not the same arrays.
    const own = random.chance(0.8) ? [...random.pick(roles)] : random.some(names, 0, 3)
    const memberOf = random.chance(0.4) ? [...new Set(random.some([...groups.keys()], 1, 2))] : []
    users.set(name, { name, enabled: random.chance(0.93), policies: own, groups: memberOf })
    for (const group of memberOf) (groups.get(group)?.members as string[]).push(name)
  }
  const accessKeys = new Map<string, ModelAccessKey>()
  for (let index = 0; index < 30; index++) {
    const accessKey = `AK${String(index).padStart(3, '0')}`
    const expired = random.chance(0.1)
    accessKeys.set(accessKey, {
      accessKey,
      parent: `user-${random.int(0, 149)}`,
      enabled: random.chance(0.9),
      ...(expired ? { expiresAt: '2026-01-01T00:00:00Z' } : random.chance(0.2) ? { expiresAt: '2027-06-01T00:00:00Z' } : {}),
      ...(random.chance(0.4) ? { sessionPolicy: policyOf(random) } : {}),
    })
  }
  return { source: `random world ${seed}`, users, groups, policies, accessKeys, buckets: BUCKETS }
}
