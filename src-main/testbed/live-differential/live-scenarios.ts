/**
 * Random, reproducible questions for the live differential: a principal (user policies, groups
 * — some disabled —, maybe an access key with or without a session policy) and S3 requests it
 * makes. Policies use condition keys whose request values the server sets on its own (transport,
 * principal, signature, list parameters, object tags, time), so both sides see the same request.
 */
import { validatePolicy } from '../../policy/index.ts'
import type { S3OperationKind } from '../../policy/server-request/s3-operations.ts'
import type { Random } from '../policy-fuzz/seeded-random.ts'

/** The objects the world holds (created once, never changed): key → tags. */
export const WORLD_OBJECTS: Readonly<Record<string, Record<string, string>>> = {
  'data/a.txt': { team: 'red' },
  'data/b.txt': { team: 'blue', tier: 'gold' },
  'data/c.txt': {},
  'home/alice/notes.txt': { team: 'red', tier: 'a b' },
  'public/readme.md': { tier: 'gold' },
}

export interface World {
  buckets: readonly string[]
  /** The bucket with versioning on; its objects have an older version too. */
  versioned: string
}

export interface Statement {
  Effect: 'Allow' | 'Deny'
  Action: string[]
  Resource: string[]
  Condition?: Record<string, Record<string, string[]>>
}

export interface PolicySpec {
  name: string
  document: { Version: '2012-10-17'; Statement: Statement[] }
}

export interface PrincipalSpec {
  user: string
  policies: PolicySpec[]
  groups: Array<{ name: string; enabled: boolean; policies: PolicySpec[] }>
  /** Requests are signed with an access key of the user; session policy or inherit (null). */
  accessKey: { policy: PolicySpec | null } | null
}

export interface RequestSpec {
  kind: S3OperationKind
  bucket: string
  key: string
  /** For a versioned read or delete: which version (filled by the harness from the server). */
  olderVersion?: boolean
  /** Tags the request writes (PutObject, PutObjectTagging). */
  tags?: Record<string, string>
  /** A fresh key: the harness creates it first, with these tags (and a second version when versioned). */
  seedTags?: Record<string, string>
  source?: { bucket: string; key: string }
  prefix?: string
  delimiter?: string
  maxKeys?: string
}

const ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:ListAllMyBuckets', 's3:GetBucketLocation',
  's3:GetObjectTagging', 's3:PutObjectTagging', 's3:DeleteObjectTagging', 's3:ListBucketVersions', 's3:DeleteObjectVersion',
  's3:GetObjectVersion', 's3:*', 's3:Get*', 's3:List*', 's3:Put*',
]

type Operator = readonly [operator: string, key: string, values: readonly string[]]

/** Conditions on values the server sets itself; the harness's client is plain http on 127.0.0.1. */
function conditionChoices(user: string): Operator[] {
  return [
    ['Bool', 'aws:SecureTransport', ['false']], ['Bool', 'aws:SecureTransport', ['true']],
    ['IpAddress', 'aws:SourceIp', ['127.0.0.0/8']], ['NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8']], ['IpAddress', 'aws:SourceIp', ['192.168.0.0/16']],
    ['StringEquals', 'aws:principaltype', ['User']], ['StringEquals', 'aws:principaltype', ['AssumedRole']],
    ['StringEquals', 'aws:username', [user]], ['StringNotEquals', 'aws:userid', [user]],
    ['Null', 'aws:groups', ['true']], ['Null', 'aws:Referer', ['true']], ['StringEquals', 'aws:Referer', ['']],
    ['Null', 's3:versionid', ['false']], ['StringEquals', 's3:versionid', ['']],
    ['StringEquals', 's3:signatureversion', ['AWS4-HMAC-SHA256']], ['StringEquals', 's3:authType', ['REST-HEADER']],
    ['StringLike', 'aws:UserAgent', ['*minio-js*']],
    ['StringLike', 's3:prefix', ['home/*']], ['StringEquals', 's3:prefix', ['']], ['StringEquals', 's3:delimiter', ['/']],
    ['NumericLessThanEquals', 's3:max-keys', ['100']], ['Null', 's3:prefix', ['true']],
    ['StringEquals', 's3:ExistingObjectTag/team', ['red']], ['StringNotEquals', 's3:ExistingObjectTag/tier', ['gold']],
    ['StringEquals', 's3:RequestObjectTag/team', ['red']], ['ForAllValues:StringEquals', 's3:RequestObjectTagKeys', ['team', 'tier']],
    ['Null', 's3:ExistingObjectTag/team', ['true']],
    ['DateGreaterThan', 'aws:CurrentTime', ['2020-01-01T00:00:00Z']], ['DateLessThan', 'aws:CurrentTime', ['2021-01-01T00:00:00Z']],
    ['NumericGreaterThan', 'aws:EpochTime', ['1000']],
  ]
}

function resourceChoices(world: World): string[] {
  const bucket = (name: string) => [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`, `arn:aws:s3:::${name}/data/*`, `arn:aws:s3:::${name}/home/\${aws:username}/*`]
  return ['arn:aws:s3:::*', 'arn:aws:s3:::*/tag/*', ...world.buckets.flatMap(bucket)]
}

function statement(random: Random, world: World, user: string): Statement {
  const out: Statement = {
    Effect: random.chance(0.7) ? 'Allow' : 'Deny',
    Action: [...new Set(random.some(ACTIONS, 1, 3))],
    Resource: [...new Set(random.some(resourceChoices(world), 1, 3))],
  }
  if (random.chance(0.55)) {
    const [operator, key, values] = random.pick(conditionChoices(user))
    out.Condition = { [operator]: { [key]: [...values] } }
  }
  return out
}

/** A policy the server accepts (a statement whose action cannot take its key is drawn again). */
function policy(random: Random, world: World, user: string, name: string): PolicySpec {
  for (;;) {
    const document = { Version: '2012-10-17' as const, Statement: Array.from({ length: random.int(1, 3) }, () => statement(random, world, user)) }
    if (!validatePolicy(JSON.stringify(document), { kind: 'canned' }).some((issue) => issue.severity === 'error')) return { name, document }
  }
}

export function principalSpec(random: Random, world: World, tag: string): PrincipalSpec {
  const user = `u${tag}`
  const groups = Array.from({ length: random.weighted([[4, 0], [4, 1], [2, 2]] as const) }, (_, index) => ({
    name: `g${tag}-${index}`,
    enabled: !random.chance(0.15),
    policies: random.chance(0.8) ? [policy(random, world, user, `p${tag}-g${index}`)] : [],
  }))
  return {
    user,
    policies: random.chance(0.85) ? [policy(random, world, user, `p${tag}-u`)] : [],
    groups,
    accessKey: random.chance(0.3) ? { policy: random.chance(0.5) ? policy(random, world, user, `p${tag}-s`) : null } : null,
  }
}

function tags(random: Random): Record<string, string> {
  return random.pick<Record<string, string>>([{}, { team: 'red' }, { team: 'blue' }, { team: 'red', tier: 'gold' }, { other: 'x' }])
}

const KINDS: readonly S3OperationKind[] = [
  'GetObject', 'HeadObject', 'PutObject', 'DeleteObject', 'CopyObject', 'ListObjectsV1', 'ListObjectsV2',
  'ListObjectVersions', 'ListBuckets', 'GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging', 'GetBucketLocation',
]

/** One request of the principal. Writes and deletes use fresh keys the harness creates, so the world never changes. */
export function requestSpec(random: Random, world: World, user: string, serial: string): RequestSpec {
  const kind = random.pick(KINDS)
  const bucket = random.pick(world.buckets)
  const existing = random.pick([...Object.keys(WORLD_OBJECTS), `home/${user}/own.txt`])
  const fresh = random.pick([`tag/${serial}`, `data/${serial}`, `home/${user}/${serial}`, `other/${serial}`])
  const versioned = bucket === world.versioned && random.chance(0.5)
  switch (kind) {
    case 'GetObject': case 'HeadObject': case 'GetObjectTagging':
      return { kind, bucket, key: existing === `home/${user}/own.txt` ? 'data/a.txt' : existing, ...(versioned ? { olderVersion: true } : {}) }
    case 'PutObject':
      return { kind, bucket, key: fresh, tags: tags(random) }
    case 'DeleteObject': case 'DeleteObjectTagging':
      return { kind, bucket, key: fresh, seedTags: tags(random), ...(versioned ? { olderVersion: true } : {}) }
    case 'PutObjectTagging':
      return { kind, bucket, key: fresh, seedTags: tags(random), tags: tags(random) }
    case 'CopyObject':
      return { kind, bucket, key: fresh, source: { bucket: random.pick(world.buckets), key: random.pick(Object.keys(WORLD_OBJECTS)) } }
    case 'ListObjectsV1': case 'ListObjectsV2': case 'ListObjectVersions':
      return { kind, bucket, key: '', prefix: random.pick(['', 'home/', `home/${user}/`, 'data/']), delimiter: random.pick(['', '/']), ...(kind === 'ListObjectsV2' ? { maxKeys: random.pick(['1000', '50']) } : {}) }
    case 'ListBuckets': case 'GetBucketLocation':
      return { kind, bucket: kind === 'ListBuckets' ? '' : bucket, key: '' }
  }
}
