/**
 * Condition key names of v3.1.3 (§4.6) and key parsing (`name` or `name/variable`).
 */
import { canonicalHeaderKey } from '../text/go-text.ts'
import type { ConditionKey } from './types.ts'

export const JWT_KEYS = [
  'jwt:sub', 'jwt:iss', 'jwt:aud', 'jwt:jti', 'jwt:name', 'jwt:upn', 'jwt:groups', 'jwt:given_name',
  'jwt:family_name', 'jwt:middle_name', 'jwt:nickname', 'jwt:preferred_username', 'jwt:profile',
  'jwt:picture', 'jwt:website', 'jwt:email', 'jwt:gender', 'jwt:birthdate', 'jwt:phone_number',
  'jwt:address', 'jwt:scope', 'jwt:client_id',
] as const

/** Every valid key name, in MinIO's AllSupportedKeys order. */
export const ALL_KEYS: readonly string[] = [
  's3:signatureversion', 's3:authType', 's3:signatureAge', 's3:x-amz-copy-source',
  's3:x-amz-server-side-encryption', 's3:x-amz-server-side-encryption-customer-algorithm',
  's3:x-amz-metadata-directive', 's3:x-amz-storage-class', 's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:x-amz-content-sha256', 's3:LocationConstraint', 's3:prefix', 's3:delimiter', 's3:max-keys',
  's3:versionid', 's3:object-lock-remaining-retention-days', 's3:object-lock-mode',
  's3:object-lock-legal-hold', 's3:object-lock-retain-until-date', 'aws:Referer', 'aws:SourceIp',
  'aws:UserAgent', 'aws:SecureTransport', 'aws:CurrentTime', 'aws:EpochTime', 'aws:principaltype',
  'aws:userid', 'aws:username', 'aws:groups', 'ldap:user', 'ldap:username', 'ldap:groups',
  's3:RequestObjectTag', 's3:ExistingObjectTag', 's3:RequestObjectTagKeys', ...JWT_KEYS,
  'sts:DurationSeconds', 'svc:DurationSeconds',
]

/** Keys allowed for every S3 action and usable as `${...}` variables, in substitution order. */
export const COMMON_KEYS: readonly string[] = [
  's3:signatureversion', 's3:authType', 's3:signatureAge', 's3:x-amz-content-sha256',
  's3:LocationConstraint', 'aws:Referer', 'aws:SourceIp', 'aws:UserAgent', 'aws:SecureTransport',
  'aws:CurrentTime', 'aws:EpochTime', 'aws:principaltype', 'aws:userid', 'aws:username', 'aws:groups',
  'ldap:user', 'ldap:username', 'ldap:groups', ...JWT_KEYS,
]

/** Keys allowed in admin statements. */
export const ADMIN_KEYS: readonly string[] = [
  'aws:Referer', 'aws:SourceIp', 'aws:UserAgent', 'aws:SecureTransport', 'aws:CurrentTime',
  'aws:EpochTime', 'aws:principaltype', 'aws:userid', 'aws:username', 'aws:groups', 'ldap:user',
  'ldap:username', 'ldap:groups', 'svc:DurationSeconds', ...JWT_KEYS,
]

export const STS_KEYS: readonly string[] = ['sts:DurationSeconds']

const VALID_KEYS = new Set(ALL_KEYS)
export const COMMON_KEY_SET: ReadonlySet<string> = new Set(COMMON_KEYS)
const TRIMMED_PREFIXES = new Set(['aws', 'jwt', 'ldap', 'sts', 'svc', 's3'])

/** KeyName.Name(): the name without its `aws:`/`s3:`/`jwt:`/`ldap:`/`sts:`/`svc:` prefix. */
export function shortKeyName(name: string): string {
  const colon = name.indexOf(':')
  if (colon < 0 || !TRIMMED_PREFIXES.has(name.slice(0, colon))) return name
  return name.slice(colon + 1)
}

/** MinIO parseKey: split at the first `/`; the name must be a supported key (case-sensitive). */
export function parseConditionKey(text: string): ConditionKey | { error: string } {
  const slash = text.indexOf('/')
  const name = slash < 0 ? text : text.slice(0, slash)
  const variable = slash < 0 ? '' : text.slice(slash + 1)
  if (!VALID_KEYS.has(name)) return { error: `invalid condition key '${text}'` }
  const short = variable === '' ? shortKeyName(name) : `${shortKeyName(name)}/${variable}`
  const full = variable === '' ? name : `${name}/${variable}`
  return { name, variable, full, short, canonical: canonicalHeaderKey(short) }
}
