/**
 * Action sets (§2, §5.1): statement classification (admin / STS / KMS / S3 by exact membership of
 * the Action set), request-action matching with the one implied action, and the validity checks.
 */
import { ADMIN_ACTIONS, KMS_ACTIONS, S3_ACTIONS, S3_ACTION_EXTRA_KEYS, STS_ACTIONS } from './catalogue.ts'
import { COMMON_KEYS } from './conditions/keys.ts'
import { activeSemantics } from './semantics.ts'
import { matchWildcard } from './text/wildcard.ts'

export type StatementKind = 'admin' | 'sts' | 'kms' | 's3'

const ADMIN_SET = new Set(ADMIN_ACTIONS)
const STS_SET = new Set(STS_ACTIONS)
const KMS_SET = new Set(KMS_ACTIONS)
const S3_NAMES = S3_ACTIONS.map((info) => info.action)

// minio/pkg before v3.0.10 had no Cors actions. (admin:LicenseInfo and the v4 admin actions are
// no difference: v3.1.3 refuses to name them too, as the oracles at v3.0.0, v3.0.13 and v3.1.0 agree.)
const CORS_ACTIONS = new Set(['s3:GetBucketCors', 's3:PutBucketCors', 's3:DeleteBucketCors'])

export function isAdminAction(action: string): boolean {
  return ADMIN_SET.has(action)
}
export function isStsAction(action: string): boolean {
  return STS_SET.has(action)
}
export function isKmsAction(action: string): boolean {
  return KMS_SET.has(action)
}

/** Classification by the Action set only (NotAction statements are always S3), priority admin > STS > KMS. */
export function classifyStatement(actions: readonly string[]): StatementKind {
  if (actions.some(isAdminAction)) return 'admin'
  if (actions.some(isStsAction)) return 'sts'
  if (actions.some(isKmsAction)) return 'kms'
  return 's3'
}

/** ActionSet.Match: any element wildcard-matches the action, or is `s3:GetObjectVersion` for `s3:GetObject`. */
export function actionSetMatches(patterns: readonly string[], action: string): string | undefined {
  for (const pattern of patterns) {
    if (matchWildcard(pattern, action)) return pattern
    // MinIO: GetObjectVersion implies GetObject (one way, Allow, Deny and NotAction alike).
    if (pattern === 's3:GetObjectVersion' && action === 's3:GetObject') return pattern
  }
  return undefined
}

/** Action.IsValid for S3: the pattern matches at least one supported S3 action name. */
export function isValidS3ActionPattern(pattern: string): boolean {
  if (!activeSemantics().corsActions) return S3_NAMES.some((name) => !CORS_ACTIONS.has(name) && matchWildcard(pattern, name))
  return cached(validPatterns, pattern, () => S3_NAMES.some((name) => matchWildcard(pattern, name)))
}

const CACHE_LIMIT = 2048
const validPatterns = new Map<string, boolean>()
const allowedKeys = new Map<string, ReadonlySet<string>>()

/** A small memo: patterns repeat across statements and documents; the bound keeps fuzzing from growing it. */
function cached<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const value = compute()
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

const COMMON = new Set(COMMON_KEYS)

/** IAMActionConditionKeyMap.Lookup: common keys plus the extras of every table entry the pattern matches. */
export function allowedKeysForS3Pattern(pattern: string): ReadonlySet<string> {
  return cached(allowedKeys, pattern, () => {
    const allowed = new Set(COMMON)
    for (const [action, extra] of Object.entries(S3_ACTION_EXTRA_KEYS)) {
      if (matchWildcard(pattern, action)) for (const key of extra) allowed.add(key)
    }
    return allowed
  })
}
