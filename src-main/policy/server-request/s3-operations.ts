/**
 * An S3 request as the MinIO server authorises it (server commit 7aac2a2c): which policy checks the
 * handler makes, on which bucket/object, with which headers and form values in the request when it
 * builds the condition map, and how the answers combine. Pure: the caller supplies `ask`, which
 * builds the map (serverConditionValues) and evaluates one check.
 */

export type S3OperationKind =
  | 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject' | 'CopyObject'
  | 'ListObjectsV1' | 'ListObjectsV2' | 'ListObjectVersions' | 'ListBuckets'
  | 'GetObjectTagging' | 'PutObjectTagging' | 'DeleteObjectTagging' | 'GetBucketLocation'

export const S3_OPERATIONS: readonly S3OperationKind[] = [
  'GetObject', 'HeadObject', 'PutObject', 'DeleteObject', 'CopyObject', 'ListObjectsV1', 'ListObjectsV2',
  'ListObjectVersions', 'ListBuckets', 'GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging', 'GetBucketLocation',
]

export interface S3Operation {
  kind: S3OperationKind
  bucket?: string
  key?: string
  versionId?: string
  /** The tags the object has on the server (GetObject, HeadObject, Get/DeleteObjectTagging read them). */
  storedTags?: Readonly<Record<string, string>>
  /** Tags the request writes: PutObject's x-amz-tagging, PutObjectTagging's body. */
  tags?: Readonly<Record<string, string>>
  /** CopyObject's source. */
  source?: { bucket: string; key: string; versionId?: string }
  /** List parameters exactly as sent; undefined = not in the query. */
  prefix?: string
  delimiter?: string
  maxKeys?: string
  /** ListBuckets: the buckets on the server, filtered when ListAllMyBuckets is denied. */
  buckets?: readonly string[]
}

/** One IsAllowed call of the handler. `headers`/`form` are what the request carries at that moment. */
export interface S3Check {
  action: string
  bucket: string
  object: string
  headers: Record<string, string[]>
  form: Record<string, string[]>
  denyOnly?: boolean
  /** Why the handler makes this check, in a few words. */
  purpose: string
}

export interface S3CheckResult extends S3Check {
  allowed: boolean
}

export interface S3OperationAnswer {
  allowed: boolean
  /** Every check made, in the server's order (a check that cannot change the answer is skipped, as the server skips it). */
  checks: S3CheckResult[]
  /** ListBuckets: the buckets the server lists. */
  listedBuckets?: string[]
  summary: string
}

/** minio-go tags.Tags.String(): URL-encoded key=value pairs. */
export function encodeTagging(tags: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(tags)).toString()
}

function tagHeader(tags: Readonly<Record<string, string>> | undefined): Record<string, string[]> {
  return tags && Object.keys(tags).length > 0 ? { 'X-Amz-Tagging': [encodeTagging(tags)] } : {}
}

function versionForm(versionId: string | undefined): Record<string, string[]> {
  return versionId ? { versionId: [versionId] } : {}
}

function listForm(op: S3Operation, extra: Record<string, string[]>): Record<string, string[]> {
  return {
    ...extra,
    ...(op.prefix === undefined ? {} : { prefix: [op.prefix] }),
    ...(op.delimiter === undefined ? {} : { delimiter: [op.delimiter] }),
    ...(op.maxKeys === undefined ? {} : { 'max-keys': [op.maxKeys] }),
  }
}

function check(action: string, bucket: string, object: string, purpose: string, headers: Record<string, string[]> = {}, form: Record<string, string[]> = {}): S3Check {
  return { action, bucket, object, headers, form, purpose }
}

type Ask = (check: S3Check) => boolean

/** Runs the checks in order; `all` = every one must allow, `any` = the first that allows wins. */
function run(checks: S3Check[], ask: Ask, mode: 'all' | 'any'): S3OperationAnswer {
  const results: S3CheckResult[] = []
  for (const item of checks) {
    const allowed = ask(item)
    results.push({ ...item, allowed })
    if (mode === 'all' && !allowed) return { allowed: false, checks: results, summary: `Denied: ${item.action} (${item.purpose}) is not allowed.` }
    if (mode === 'any' && allowed) return { allowed: true, checks: results, summary: `Allowed: ${item.action} (${item.purpose}) is allowed.` }
  }
  const allowed = mode === 'all'
  return { allowed, checks: results, summary: allowed ? 'Allowed: every check the server makes allows it.' : `Denied: none of ${checks.map((item) => item.action).join(', ')} is allowed.` }
}

function listBuckets(op: S3Operation, ask: Ask): S3OperationAnswer {
  const all = check('s3:ListAllMyBuckets', '', '', 'list every bucket')
  const first = { ...all, allowed: ask(all) }
  const buckets = [...(op.buckets ?? [])]
  if (first.allowed) return { allowed: true, checks: [first], listedBuckets: buckets, summary: 'Allowed: s3:ListAllMyBuckets is allowed, so every bucket is listed.' }
  // cmd/bucket-handlers.go ListBucketsHandler: r.Header.Set("prefix", "") and ("delimiter", "/").
  const headers = { Prefix: [''], Delimiter: ['/'] }
  const checks: S3CheckResult[] = [first]
  const listed: string[] = []
  for (const bucket of buckets) {
    const list = check('s3:ListBucket', bucket, '', `keep bucket ${bucket} in the list`, headers)
    const listAllowed = ask(list)
    checks.push({ ...list, allowed: listAllowed })
    if (listAllowed) { listed.push(bucket); continue }
    const location = check('s3:GetBucketLocation', bucket, '', `keep bucket ${bucket} in the list`, headers)
    const locationAllowed = ask(location)
    checks.push({ ...location, allowed: locationAllowed })
    if (locationAllowed) listed.push(bucket)
  }
  const allowed = listed.length > 0
  const summary = allowed
    ? `Allowed: s3:ListAllMyBuckets is denied, so MinIO lists only the ${listed.length} bucket(s) where s3:ListBucket or s3:GetBucketLocation is allowed.`
    : 'Denied: s3:ListAllMyBuckets is denied and no bucket allows s3:ListBucket or s3:GetBucketLocation (MinIO answers AccessDenied).'
  return { allowed, checks, listedBuckets: listed, summary }
}

/** The checks MinIO's handler for this operation makes, evaluated through `ask`. */
export function answerS3Operation(op: S3Operation, ask: Ask): S3OperationAnswer {
  const bucket = op.bucket ?? ''
  const key = op.key ?? ''
  const version = versionForm(op.versionId)
  switch (op.kind) {
    case 'GetObject':
    case 'HeadObject':
      // The object's stored tags are put into X-Amz-Tagging before the check (object-handlers.go).
      return run([check('s3:GetObject', bucket, key, `${op.kind === 'HeadObject' ? 'HEAD' : 'GET'} the object`, tagHeader(op.storedTags), version)], ask, 'all')
    case 'PutObject':
      return run([check('s3:PutObject', bucket, key, 'write the object', tagHeader(op.tags))], ask, 'all')
    case 'DeleteObject':
      // authorizeRequest: with a versionId, a Deny-only check of s3:DeleteObjectVersion comes first.
      return run([
        ...(op.versionId ? [{ ...check('s3:DeleteObjectVersion', bucket, key, 'no Deny on deleting a version', {}, version), denyOnly: true }] : []),
        check('s3:DeleteObject', bucket, key, 'delete the object', {}, version),
      ], ask, 'all')
    case 'CopyObject': {
      const source = op.source ?? { bucket: '', key: '' }
      const copySource = `/${source.bucket}/${source.key}${source.versionId ? `?versionId=${encodeURIComponent(source.versionId)}` : ''}`
      const headers = { 'X-Amz-Copy-Source': [copySource], ...tagHeader(op.tags) }
      return run([
        check('s3:PutObject', bucket, key, 'write the destination', headers),
        check('s3:GetObject', source.bucket, source.key, 'read the source', headers),
      ], ask, 'all')
    }
    case 'ListObjectsV1':
      return run([check('s3:ListBucket', bucket, '', 'list objects (V1)', {}, listForm(op, { 'encoding-type': ['url'] }))], ask, 'all')
    case 'ListObjectsV2':
      return run([check('s3:ListBucket', bucket, '', 'list objects (V2)', {}, listForm(op, { 'list-type': ['2'], 'encoding-type': ['url'] }))], ask, 'all')
    case 'ListObjectVersions': {
      const form = listForm(op, { versions: [''], 'encoding-type': ['url'] })
      return run([check('s3:ListBucketVersions', bucket, '', 'list versions', {}, form), check('s3:ListBucket', bucket, '', 'list versions (ListBucket fallback)', {}, form)], ask, 'any')
    }
    case 'ListBuckets':
      return listBuckets(op, ask)
    case 'GetObjectTagging':
      return run([check('s3:GetObjectTagging', bucket, key, 'read the tags', tagHeader(op.storedTags), { tagging: [''], ...version })], ask, 'all')
    case 'PutObjectTagging':
      // PutObjectTaggingHandler sets X-Amz-Tagging to the tags being written before the check.
      return run([check('s3:PutObjectTagging', bucket, key, 'write the tags', { 'X-Amz-Tagging': [encodeTagging(op.tags ?? {})] }, { tagging: [''], ...version })], ask, 'all')
    case 'DeleteObjectTagging':
      return run([check('s3:DeleteObjectTagging', bucket, key, 'delete the tags', tagHeader(op.storedTags), { tagging: [''], ...version })], ask, 'all')
    case 'GetBucketLocation':
      return run([check('s3:GetBucketLocation', bucket, '', 'read the bucket location', {}, { location: [''] })], ask, 'all')
  }
}
