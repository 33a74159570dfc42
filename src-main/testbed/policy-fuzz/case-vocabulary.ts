// Word pools for the random case generator. They are deliberately small and overlapping (bucket
// `data` vs `database`, user `alice` vs `Alice`) so that random requests land on the policies'
// edges, and they include near-misses MinIO treats specially (wrong case, bare `*`, the implied
// GetObjectVersion → GetObject, actions that exist in the code but not in the supported list).

export const BUCKETS = ['data', 'database', 'logs', 'b', 'bb', 'home', 'pub', 'mybucket30', 'other'] as const
export const USERS = ['alice', 'bob', 'Alice', 'carol', '*', 'a/b', 'd?', 'ünï', '${aws:username}', '..'] as const
export const GROUPS = ['eng', 'ops', 'g1', 'g2'] as const
export const OBJECT_PARTS = ['x', 'x.txt', 'a/b', 'dir/', 'file1.txt', 'file/.txt', 'fileé.txt', 'home/alice/x', 'secret'] as const
export const KMS_KEYS = ['app-1', 'secret-1', 'key', 'other'] as const

/** Concrete S3 actions the server checks, with whether the request names an object. */
export const S3_OBJECT_ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion',
  's3:GetObjectTagging', 's3:PutObjectTagging', 's3:GetObjectRetention', 's3:PutObjectLegalHold',
  's3:AbortMultipartUpload', 's3:RestoreObject', 's3:GetObjectAttributes',
] as const
export const S3_BUCKET_ACTIONS = [
  's3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation', 's3:CreateBucket', 's3:DeleteBucket',
  's3:GetBucketPolicy', 's3:PutBucketTagging', 's3:HeadBucket', 's3:ListBucketMultipartUploads',
] as const
export const S3_SERVICE_ACTIONS = ['s3:ListAllMyBuckets', 's3:ListenNotification'] as const
export const S3_PATTERNS = ['s3:*', 's3:Get*', 's3:List*', 's3:?etObject', 's3:*Object', '*:*', 's3:GetObjectVer*', 's3:Put*'] as const
export const S3_INVALID = ['s3:getobject', 's3:FooBar', 'admin:Get*', 'admin:InspectData', 'kms:Get*', 's3:', 's3:*Object*'] as const

export const ADMIN_ACTIONS = [
  'admin:*', 'admin:ServerInfo', 'admin:CreateUser', 'admin:ListUsers', 'admin:CreateServiceAccount',
  'admin:GetUser', 'admin:ConfigUpdate', 'admin:Heal',
] as const
/** Admin actions the server checks but a policy cannot name (only `admin:*` or `*` grant them). */
export const ADMIN_UNNAMEABLE = ['admin:InspectData', 'admin:ForceUnlock'] as const
export const KMS_ACTIONS = ['kms:*', 'kms:CreateKey', 'kms:ListKeys', 'kms:KeyStatus', 'kms:Status'] as const
export const STS_ACTIONS = ['*', 'sts:AssumeRoleWithWebIdentity'] as const
export const NOT_ACTIONS = ['s3:DeleteObject', 's3:GetObjectVersion', 's3:PutObject', 's3:*', 'admin:*', 'foo:bar', 's3:List*'] as const

/** Keys every S3 and admin statement accepts (`aws:`, `ldap:`, `jwt:`), with their request short names. */
export const SAFE_KEYS = [
  'aws:username', 'aws:groups', 'aws:UserAgent', 'aws:Referer', 'aws:principaltype', 'aws:userid',
  'ldap:user', 'ldap:username', 'jwt:sub', 'jwt:groups', 'jwt:email', 'aws:username/x', 'jwt:preferred_username',
] as const
/** Keys only some actions accept; used on purpose to provoke MinIO's per-action key check too. */
export const ACTION_KEYS: Record<string, readonly string[]> = {
  's3:ListBucket': ['s3:prefix', 's3:delimiter', 's3:max-keys'],
  's3:ListBucketVersions': ['s3:prefix', 's3:max-keys'],
  's3:List*': ['s3:prefix', 's3:delimiter', 's3:max-keys'],
  's3:GetObject': ['s3:ExistingObjectTag/team', 's3:versionid', 's3:x-amz-server-side-encryption'],
  's3:PutObject': ['s3:RequestObjectTag/team', 's3:x-amz-server-side-encryption', 's3:x-amz-metadata-directive', 's3:x-amz-copy-source', 's3:x-amz-storage-class'],
  's3:*': ['s3:prefix', 's3:ExistingObjectTag/team', 's3:x-amz-copy-source', 's3:object-lock-mode', 'sts:DurationSeconds'],
}
/** Keys valid nowhere, or misspelled. */
export const BAD_KEYS = ['aws:Username', 'aws:foo', 'aws:sourceip', 's3:Prefix'] as const

/** Policy-side values for string conditions, with variables MinIO substitutes (and some it does not). */
export const STRING_VALUES = [
  'alice', 'bob', 'Alice', 'eng', 'ops', 'home/', '', 'home/${aws:username}/', '${aws:username}',
  '${aws:Username}', '${jwt:sub}', 'MyApp/1.0', 'User', 'AES256', 'COPY', 'data/x', 'İ', 'σ', 'ss', 'k', '${aws:groups}',
  '${ldap:user}-${aws:username}', '${aws:SourceIp}',
] as const
export const LIKE_PATTERNS = ['home/${aws:username}/*', 'MyApp*', '*', '?', 'a*b', 'home/*', '', '*/1.?', 'al*'] as const
export const REQUEST_STRINGS = [
  'alice', 'bob', 'ALICE', 'home/alice/', 'home/', '', 'MyApp/1.0', 'myapp/1.0', 'ab', 'aXb', 'eng', 'i', 'İ', 'Σ', 'ς', 'ß', 'K', 'k',
  'ǅ', 'home/${aws:username}/', 'a\u0000b',
] as const

export const CIDRS = ['10.0.0.0/8', '192.168.1.0/24', '2001:db8::1', '::ffff:0:0/96', '10.1.2.3', '0.0.0.0/0', '172.16.0.0/12', '2001:db8::/48'] as const
export const BAD_CIDRS = ['1.2.3', '10.0.0.0/33', 'not-an-ip'] as const
export const SOURCE_IPS = [
  '10.0.0.1', '192.168.1.9', '172.20.1.1', '8.8.8.8', '::ffff:192.168.1.9', '2001:db8:ffff::1', '2001:db8::5', 'garbage',
  '010.0.0.1', 'fe80::1%eth0', '10.0.0.1:80', '[::1]', '::', '0.0.0.0', '::ffff:10.1.2.3', '10.0.0.256', ' 10.0.0.1',
] as const

export const INTEGER_VALUES = [5, 10, 0, -1, 1000] as const
export const INTEGER_STRINGS = [
  '10', '+5', '007', '-0', '5.0', ' 5', '0x10', '9223372036854775807', '9223372036854775808', '-9223372036854775808',
  '+0', '٣', '1_000', '', '5 ',
] as const
export const DATE_VALUES = [
  '2030-01-01T00:00:00Z', '2030-01-01T01:00:00+02:00', '2020-06-15T12:30:00Z', '2030-01-01T1:00:00Z',
  '2030-01-01T00:00:00.123456789Z', '2030-01-01T00:00:00,5Z', '2029-12-31T23:59:59-01:00', '2030-01-01T00:00:00.1234567891Z',
  '2030-01-01T00:00:00-00:00', '0000-01-01T00:00:00Z', '2028-02-29T12:00:00+14:00',
] as const
export const BAD_DATE_VALUES = [
  '2030-02-30T00:00:00Z', '2030-01-01 00:00:00Z', '2030-01-01T00:00:00+0100', '2030-01-01t00:00:00z', '2030-06-30T23:59:60Z',
  '2030-01-01T24:00:00Z', '2030-01-01T00:00:00+25:00', '2030-01-01T00:00:00.Z', '2029-02-29T00:00:00Z',
] as const
export const BOOL_STRINGS = ['true', 'false', 'True', '1', 'f', 'FALSE'] as const

export const STRING_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'] as const
export const LIKE_OPERATORS = ['StringLike', 'StringNotLike'] as const
export const NUMERIC_OPERATORS = [
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan',
  'NumericGreaterThanEquals', 'NumericGreaterThanIfExists',
] as const
export const DATE_OPERATORS = ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'] as const
export const BAD_OPERATORS = ['StringEqualsIfExists', 'stringequals', 'ArnLike', 'ForSomeValues:StringEquals', 'ForAllValues:StringEquals:x'] as const
export const QUALIFIERS = ['', '', '', 'ForAllValues:', 'ForAnyValue:'] as const
