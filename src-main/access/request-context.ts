/**
 * The condition-value map an access question is evaluated with, and which of its keys are fixed by
 * WHO signs (known for a principal) rather than by the request (unknown unless supplied).
 *
 * `conditionValuesFor` is the one place that builds the map; it uses the policy engine's
 * toConditionValues today and is the seam where the server's full condition map (tester issue)
 * plugs in.
 */
import { toConditionValues, type ConditionValues } from '../policy/index.ts'

/** Who signs: a user, an access key of a user, or a group (any of its members). */
export interface Identity {
  kind: 'user' | 'accessKey' | 'group'
  /** The user name the server puts in aws:username / aws:userid (an access key's parent). */
  userName?: string
}

// MinIO puts no LDAP or OpenID claims in a builtin user's map: for these principals they are
// known to be absent. aws:groups is left out on purpose: it is not settled what the server puts
// there for builtin users, so it stays "depends on the request".
const CLAIM_PREFIXES = ['ldap:', 'jwt:']

/**
 * Whether a condition key's value is decided by the identity (or was supplied by the caller), so a
 * condition on it is not "conditional". `key` is the full name as written (`aws:SourceIp`,
 * `s3:ExistingObjectTag/team`).
 */
export function isDetermined(key: string, identity: Identity, supplied: ReadonlySet<string>): boolean {
  if (supplied.has(key)) return true
  if (identity.kind === 'group') return false
  if (CLAIM_PREFIXES.some((prefix) => key.startsWith(prefix))) return true
  if (key === 'aws:username' || key === 'aws:userid') return identity.userName !== undefined
  // MinIO: an access key's credential carries claims, so its principal type is not plainly "User".
  return key === 'aws:principaltype' && identity.kind !== 'accessKey'
}

/**
 * The map the evaluator receives: the identity's own values (aws:username, aws:userid,
 * aws:principaltype) unless the caller supplies them, then the caller's values (full key names).
 */
export function conditionValuesFor(identity: Identity, supplied: Readonly<Record<string, readonly string[]>>): ConditionValues {
  const filled: Record<string, string[]> = {}
  const fill = (key: string, value: string) => {
    if (!Object.hasOwn(supplied, key)) filled[key] = [value]
  }
  if (identity.kind === 'user') fill('aws:principaltype', 'User')
  if (identity.userName !== undefined) {
    fill('aws:userid', identity.userName)
    fill('aws:username', identity.userName)
  }
  return toConditionValues({ ...supplied, ...filled })
}
