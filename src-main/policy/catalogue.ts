/**
 * The v3.1.3 catalogue as data (§2, §4.6): S3 / admin / KMS / STS actions, resource kinds and the
 * condition keys each S3 action allows. Used by validation, by the editor's completion and by the
 * tester. Action strings are case-sensitive everywhere.
 */
import { ADMIN_KEYS, ALL_KEYS, COMMON_KEYS, STS_KEYS } from './conditions/keys.ts'

export { ADMIN_KEYS, ALL_KEYS, COMMON_KEYS, STS_KEYS }
export { OPERATOR_NAMES, QUALIFIERS } from './conditions/registry.ts'

/** Where the server points an action: an object (`bucket/object`), a bucket (`bucket/`) or nothing (`/`). */
export type ResourceKind = 'object' | 'bucket' | 'none' | 'pattern'

export interface S3ActionInfo {
  action: string
  /** In MinIO's object-action list (matters for bucket-policy validation only). */
  isObjectAction: boolean
  /** The request resource the server uses when it checks this action (§2.1). */
  resource: ResourceKind
}

const OBJECT = 'object' as const
const BUCKET = 'bucket' as const

function s3(action: string, isObjectAction: boolean, resource: ResourceKind): S3ActionInfo {
  return { action: `s3:${action}`, isObjectAction, resource }
}

/** The 60 entries of MinIO's supported S3 action list, including `s3:*`. */
export const S3_ACTIONS: readonly S3ActionInfo[] = [
  s3('*', true, 'pattern'),
  s3('AbortMultipartUpload', true, OBJECT), s3('BypassGovernanceRetention', true, OBJECT),
  s3('CreateBucket', false, BUCKET), s3('DeleteBucket', false, BUCKET), s3('DeleteBucketCors', false, BUCKET),
  s3('DeleteBucketPolicy', false, BUCKET), s3('DeleteObject', true, OBJECT), s3('DeleteObjectTagging', true, OBJECT),
  s3('DeleteObjectVersion', true, OBJECT), s3('DeleteObjectVersionTagging', true, OBJECT),
  s3('ForceDeleteBucket', false, BUCKET), s3('GetBucketCors', false, BUCKET), s3('GetBucketLocation', false, BUCKET),
  s3('GetBucketNotification', false, BUCKET), s3('GetBucketObjectLockConfiguration', false, BUCKET),
  s3('GetBucketPolicy', false, BUCKET), s3('GetBucketPolicyStatus', false, BUCKET), s3('GetBucketTagging', false, BUCKET),
  s3('GetBucketVersioning', false, BUCKET), s3('GetEncryptionConfiguration', false, BUCKET),
  s3('GetLifecycleConfiguration', false, BUCKET), s3('GetObject', true, OBJECT), s3('GetObjectAttributes', true, OBJECT),
  s3('GetObjectLegalHold', true, OBJECT), s3('GetObjectRetention', true, OBJECT), s3('GetObjectTagging', true, OBJECT),
  s3('GetObjectVersion', true, OBJECT), s3('GetObjectVersionAttributes', true, OBJECT),
  s3('GetObjectVersionForReplication', true, OBJECT), s3('GetObjectVersionTagging', true, OBJECT),
  s3('GetReplicationConfiguration', false, BUCKET), s3('HeadBucket', false, BUCKET), s3('ListAllMyBuckets', false, 'none'),
  s3('ListBucket', false, BUCKET), s3('ListBucketMultipartUploads', false, BUCKET), s3('ListBucketVersions', false, BUCKET),
  s3('ListMultipartUploadParts', true, OBJECT), s3('ListenBucketNotification', false, BUCKET),
  s3('ListenNotification', false, 'none'), s3('PutBucketCors', false, BUCKET), s3('PutBucketNotification', false, BUCKET),
  s3('PutBucketObjectLockConfiguration', false, BUCKET), s3('PutBucketPolicy', false, BUCKET),
  s3('PutBucketTagging', false, BUCKET), s3('PutBucketVersioning', false, BUCKET),
  s3('PutEncryptionConfiguration', false, BUCKET), s3('PutLifecycleConfiguration', false, BUCKET),
  s3('PutObject', true, OBJECT), s3('PutObjectFanOut', true, OBJECT), s3('PutObjectLegalHold', true, OBJECT),
  s3('PutObjectRetention', true, OBJECT), s3('PutObjectTagging', true, OBJECT), s3('PutObjectVersionTagging', true, OBJECT),
  s3('PutReplicationConfiguration', false, BUCKET), s3('ReplicateDelete', true, OBJECT), s3('ReplicateObject', true, OBJECT),
  s3('ReplicateTags', true, OBJECT), s3('ResetBucketReplicationState', true, BUCKET), s3('RestoreObject', true, OBJECT),
]

/** The 65 admin action strings a policy may name (exact match only; `admin:*` included). */
export const ADMIN_ACTIONS: readonly string[] = [
  '*', 'AddUserToGroup', 'AttachUserOrGroupPolicy', 'BandwidthMonitor', 'CancelBatchJob', 'ConfigUpdate',
  'ConsoleLog', 'CreatePolicy', 'CreateServiceAccount', 'CreateUser', 'DataUsageInfo', 'Decommission',
  'DeletePolicy', 'DeleteUser', 'DescribeBatchJob', 'DisableGroup', 'DisableUser', 'EnableGroup', 'EnableUser',
  'ExportBucketMetadata', 'ExportIAM', 'GetBucketQuota', 'GetBucketTarget', 'GetGroup', 'GetPolicy', 'GetUser',
  'Heal', 'ImportBucketMetadata', 'ImportIAM', 'KMSCreateKey', 'KMSKeyStatus', 'ListBatchJobs', 'ListGroups',
  'ListServiceAccounts', 'ListTemporaryAccounts', 'ListTier', 'ListUserPolicies', 'ListUsers', 'OBDInfo',
  'Profiling', 'Prometheus', 'Rebalance', 'RemoveServiceAccount', 'RemoveUserFromGroup', 'ReplicationDiff',
  'ServerInfo', 'ServerTrace', 'ServerUpdate', 'ServiceFreeze', 'ServiceRestart', 'ServiceStop', 'SetBucketQuota',
  'SetBucketTarget', 'SetTier', 'SiteReplicationAdd', 'SiteReplicationDisable', 'SiteReplicationInfo',
  'SiteReplicationOperation', 'SiteReplicationRemove', 'SiteReplicationResync', 'StartBatchJob', 'StorageInfo',
  'TopLocksInfo', 'UpdatePolicyAssociation', 'UpdateServiceAccount',
].map((name) => `admin:${name}`)

/** Admin actions the server checks but a policy cannot name (only `admin:*`, `*` or NotAction grant them). */
export const UNNAMEABLE_ADMIN_ACTIONS: readonly string[] = [
  'ForceUnlock', 'InspectData', 'LicenseInfo', 'GenerateBatchJob', 'ClusterInfo', 'PoolList', 'PoolInfo', 'SetInfo', 'DriveInfo',
].map((name) => `admin:${name}`)

/** The 22 KMS action strings (exact match only). */
export const KMS_ACTIONS: readonly string[] = [
  '*', 'API', 'AssignPolicy', 'AuditLog', 'CreateKey', 'DeleteIdentity', 'DeleteKey', 'DeletePolicy',
  'DescribeIdentity', 'DescribePolicy', 'DescribeSelfIdentity', 'ErrorLog', 'GetPolicy', 'ImportKey', 'KeyStatus',
  'ListIdentities', 'ListKeys', 'ListPolicies', 'Metrics', 'SetPolicy', 'Status', 'Version',
].map((name) => `kms:${name}`)

/** v3.1.3 STS actions: the bare `*` is the "all STS actions" constant. */
export const STS_ACTIONS: readonly string[] = ['sts:AssumeRoleWithWebIdentity', '*']

/** Resource ARN prefixes and what they mean (§1.6). */
export const RESOURCE_KINDS = [
  { prefix: 'arn:aws:s3:::', type: 'S3', description: 'S3 bucket or object pattern: bucket, bucket/*, bucket/prefix/*' },
  { prefix: 'arn:minio:kms:::', type: 'KMS', description: 'KMS key name pattern (no /, \\ or .)' },
  { prefix: '*', type: 'ALL', description: 'Everything; `*rest` is type ALL with pattern `rest`' },
] as const

const VERSION = 's3:versionid'
const TAG = 's3:ExistingObjectTag'
const SSE = ['s3:x-amz-server-side-encryption', 's3:x-amz-server-side-encryption-customer-algorithm', 's3:x-amz-server-side-encryption-aws-kms-key-id']
const REQUEST_TAGS = ['s3:RequestObjectTagKeys', 's3:RequestObjectTag']
const LIST = ['s3:prefix', 's3:delimiter', 's3:max-keys']
const LOCK = ['s3:object-lock-remaining-retention-days', 's3:object-lock-retain-until-date', 's3:object-lock-mode']

/** Extra condition keys per S3 action beyond the common keys (MinIO's IAMActionConditionKeyMap). */
export const S3_ACTION_EXTRA_KEYS: Readonly<Record<string, readonly string[]>> = {
  's3:*': ALL_KEYS,
  's3:DeleteObject': [VERSION],
  's3:GetObject': [...SSE, VERSION, TAG],
  's3:GetObjectAttributes': [TAG],
  's3:GetObjectVersionAttributes': [VERSION, TAG],
  's3:ListBucket': LIST,
  's3:ListBucketVersions': LIST,
  's3:PutObject': ['s3:x-amz-copy-source', ...SSE, 's3:x-amz-metadata-directive', 's3:x-amz-storage-class', VERSION, 's3:object-lock-retain-until-date', 's3:object-lock-mode', 's3:object-lock-legal-hold', ...REQUEST_TAGS],
  's3:PutObjectRetention': [...SSE, ...LOCK, VERSION],
  's3:GetObjectRetention': [...SSE, VERSION],
  's3:PutObjectLegalHold': [...SSE, 's3:object-lock-legal-hold', VERSION],
  's3:BypassGovernanceRetention': [VERSION, ...LOCK, 's3:object-lock-legal-hold', ...REQUEST_TAGS],
  's3:PutBucketTagging': REQUEST_TAGS,
  's3:PutObjectTagging': [VERSION, TAG, ...REQUEST_TAGS],
  's3:PutObjectVersionTagging': [VERSION, TAG, ...REQUEST_TAGS],
  's3:GetObjectTagging': [VERSION, TAG],
  's3:DeleteObjectTagging': [VERSION, TAG],
  's3:GetObjectVersion': [VERSION, TAG],
  's3:GetObjectVersionTagging': [VERSION, TAG],
  's3:DeleteObjectVersion': [VERSION],
  's3:DeleteObjectVersionTagging': [VERSION, TAG],
  's3:ReplicateObject': [VERSION, TAG],
  's3:ReplicateDelete': [VERSION, TAG],
  's3:ReplicateTags': [VERSION, TAG],
  's3:GetObjectVersionForReplication': [VERSION, TAG],
}

/** Condition keys allowed for a request action (exact S3 action name), for the editor and the tester. */
export function conditionKeysFor(action: string): readonly string[] {
  if (ADMIN_ACTIONS.includes(action)) return ADMIN_KEYS
  if (STS_ACTIONS.includes(action)) return STS_KEYS
  if (KMS_ACTIONS.includes(action)) return ALL_KEYS
  return [...new Set([...COMMON_KEYS, ...(S3_ACTION_EXTRA_KEYS[action] ?? [])])]
}
