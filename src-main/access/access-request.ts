/**
 * What request the server checks for an action on a resource (`BUCKET[/KEY]`): object actions on
 * `bucket/key`, bucket actions on the bucket alone (a listing's prefix becomes s3:prefix, as the
 * server puts the query parameter in the map), account-wide actions (ListAllMyBuckets, admin:*,
 * kms:*, sts:*) on no resource.
 */
import { catalogue } from '../policy/index.ts'

export interface AccessRequest {
  action: string
  bucket: string
  object: string
  /** Values the request itself carries because of its resource (s3:prefix of a listing). */
  implied: Record<string, string[]>
}

const KINDS = new Map(catalogue.S3_ACTIONS.map((info) => [info.action, info.resource]))
const LISTINGS = new Set(['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'])

/** Splits `BUCKET[/KEY]` (a leading `arn:aws:s3:::` is accepted). Throws an Error naming the problem. */
export function parseResource(text: string): { bucket: string; object: string } {
  const trimmed = text.startsWith('arn:aws:s3:::') ? text.slice('arn:aws:s3:::'.length) : text
  const slash = trimmed.indexOf('/')
  const bucket = slash < 0 ? trimmed : trimmed.slice(0, slash)
  const object = slash < 0 ? '' : trimmed.slice(slash + 1)
  if (bucket === '' || /[*?]/.test(bucket)) throw new Error(`'${text}' is not a resource: give BUCKET or BUCKET/KEY (no wildcards; a prefix is a key such as logs/2024/).`)
  return { bucket, object }
}

/** The request for `action` on `resource` as the server would check it. */
export function requestFor(action: string, resource: { bucket: string; object: string }): AccessRequest {
  const kind = action.startsWith('s3:') ? KINDS.get(action) : 'none'
  if (kind === 'none') return { action, bucket: '', object: '', implied: {} }
  if (kind === 'bucket') {
    const implied: Record<string, string[]> = LISTINGS.has(action) && resource.object !== '' ? { 's3:prefix': [resource.object] } : {}
    return { action, bucket: resource.bucket, object: '', implied }
  }
  return { action, bucket: resource.bucket, object: resource.object, implied: {} }
}
