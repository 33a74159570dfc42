/**
 * What the matrix and the diff ask about by default: the actions in groups (list, read, write,
 * delete, tagging, versioning, retention, admin), and resources drawn from the deployment's buckets
 * and the policies' own resource patterns. These only choose QUESTIONS; every answer comes from the
 * evaluator.
 */
import { catalogue, type PolicyDocument } from '../policy/index.ts'
import { parseResource } from './access-request.ts'

export const ACTION_GROUPS: ReadonlyArray<{ group: string; actions: readonly string[] }> = [
  { group: 'list', actions: ['s3:ListAllMyBuckets', 's3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation'] },
  { group: 'read', actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:GetBucketPolicy'] },
  { group: 'write', actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:CreateBucket', 's3:PutBucketPolicy', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration'] },
  { group: 'delete', actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket', 's3:ForceDeleteBucket', 's3:DeleteBucketPolicy'] },
  { group: 'tagging', actions: ['s3:GetObjectTagging', 's3:PutObjectTagging', 's3:DeleteObjectTagging', 's3:GetBucketTagging', 's3:PutBucketTagging'] },
  { group: 'versioning', actions: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'] },
  { group: 'retention', actions: ['s3:GetObjectRetention', 's3:PutObjectRetention', 's3:GetObjectLegalHold', 's3:PutObjectLegalHold', 's3:BypassGovernanceRetention', 's3:GetBucketObjectLockConfiguration', 's3:PutBucketObjectLockConfiguration'] },
  { group: 'admin', actions: ['admin:CreateUser', 'admin:DeleteUser', 'admin:AttachUserOrGroupPolicy', 'admin:CreatePolicy', 'admin:CreateServiceAccount', 'admin:ServerInfo', 'admin:ConfigUpdate'] },
]

/** The group an action belongs to (`other` when none lists it). */
export function groupOf(action: string): string {
  return ACTION_GROUPS.find((entry) => entry.actions.includes(action))?.group ?? 'other'
}

export const DEFAULT_ACTIONS: readonly string[] = ACTION_GROUPS.flatMap((entry) => entry.actions)

const NAMEABLE = new Set([
  ...catalogue.S3_ACTIONS.map((info) => info.action).filter((action) => action !== 's3:*'),
  ...catalogue.ADMIN_ACTIONS.filter((action) => action !== 'admin:*'),
  ...catalogue.KMS_ACTIONS.filter((action) => action !== 'kms:*'),
  ...catalogue.STS_ACTIONS.filter((action) => action !== '*'),
])

/** Refuses what is not one concrete action MinIO knows (a request names one action, never a pattern). */
export function checkAction(action: string): string {
  if (NAMEABLE.has(action)) return action
  const hint = action.includes('*') ? ' A request is for one action; name it (s3:GetObject), not a pattern.' : ' Names are case-sensitive, e.g. s3:GetObject, admin:CreateUser.'
  throw new Error(`'${action}' is not an action MinIO knows.${hint}`)
}

/** A concrete resource a pattern covers: wildcards and variables become `x` (`logs/*` → `logs/x`). */
function sampleOf(pattern: string): string | undefined {
  const bare = pattern.replace(/^arn:aws:s3:::/, '').replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x')
  if (bare === '' || bare === 'x') return undefined
  try {
    parseResource(bare)
    return bare
  } catch {
    return undefined
  }
}

/** Every Resource and NotResource pattern a document names, as written. */
export function patternsOf(document: PolicyDocument): string[] {
  const out: string[] = []
  for (const statement of Array.isArray(document.Statement) ? document.Statement : []) {
    for (const field of [statement.Resource, statement.NotResource]) {
      const list = Array.isArray(field) ? field : field === undefined ? [] : [field]
      for (const item of list) if (typeof item === 'string') out.push(item)
    }
  }
  return out
}

/**
 * Resources worth asking about: each bucket and an object in it, plus a sample of every resource
 * pattern in the given policies. Sorted, without duplicates.
 */
export function resourcesFor(buckets: readonly string[], documents: Iterable<PolicyDocument>): string[] {
  const out = new Set<string>()
  for (const bucket of buckets) {
    out.add(bucket)
    out.add(`${bucket}/x`)
  }
  for (const document of documents) {
    for (const pattern of patternsOf(document)) {
      const sample = sampleOf(pattern)
      if (sample !== undefined) out.add(sample)
    }
  }
  return [...out].sort()
}
