/**
 * Policy templates in MinIO form: the storage-security guide's minimal bucket + optional prefix
 * policy, read-only with listing, a per-user home prefix with `${aws:username}`, and a write-only
 * drop box. Each is a starting point; the tests check each one's effect with the evaluator.
 */
import type { PolicyDocument } from '../policy/index.ts'

const V = '2012-10-17'
const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`
const listUnder = (prefix: string) => (prefix === '' ? {} : { Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } })

export type TemplateName = 'minimal' | 'read-only' | 'home' | 'drop-box'

export const TEMPLATE_DESCRIPTIONS: Record<TemplateName, string> = {
  minimal: 'List the bucket; read, write and delete objects under one prefix (the storage-security guide\'s policy).',
  'read-only': 'List and read objects under one prefix; no writes.',
  home: 'Each user reads and writes only under PREFIX/<their user name>/ (${aws:username}).',
  'drop-box': 'Upload objects under one prefix; no listing, no reading back, no deleting.',
}

/** The template for `bucket` and `prefix` (empty for the whole bucket; otherwise ending in `/`). */
export function policyTemplate(name: TemplateName, bucket: string, prefix = ''): PolicyDocument {
  const objects = `${bucketArn(bucket)}/${prefix}*`
  switch (name) {
    case 'minimal':
      return {
        Version: V,
        Statement: [
          { Sid: 'BucketList', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn(bucket)] },
          { Sid: 'BucketObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [objects] },
        ],
      }
    case 'read-only':
      return {
        Version: V,
        Statement: [
          // MinIO refuses s3:prefix on GetBucketLocation, so the listing has its own statement.
          { Sid: 'Locate', Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [bucketArn(bucket)] },
          { Sid: 'ListPrefix', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn(bucket)], ...listUnder(prefix) },
          { Sid: 'ReadObjects', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [objects] },
        ],
      }
    case 'home':
      return {
        Version: V,
        Statement: [
          { Sid: 'ListOwnHome', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn(bucket)], Condition: { StringLike: { 's3:prefix': [`${prefix}\${aws:username}/*`] } } },
          { Sid: 'OwnHome', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [`${bucketArn(bucket)}/${prefix}\${aws:username}/*`] },
        ],
      }
    case 'drop-box':
      return { Version: V, Statement: [{ Sid: 'UploadOnly', Effect: 'Allow', Action: ['s3:PutObject'], Resource: [objects] }] }
  }
}
