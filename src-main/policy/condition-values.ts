/**
 * The ONE place that turns the friendly condition form people and the UI use (full key names:
 * `aws:SourceIp`, `s3:prefix`, `s3:ExistingObjectTag/team`) into the map MinIO's evaluator receives
 * (short names: `SourceIp`, `prefix`, `ExistingObjectTag/team`; §4.2, §4.7).
 */
import { shortKeyName } from './conditions/keys.ts'
import type { ConditionValues } from './types.ts'

/**
 * Converts full key names to MinIO's short names; names without a known prefix pass unchanged
 * (so already-short maps survive a second conversion). When two full names collapse into one short
 * name (`aws:username`, `ldap:username`) their values are concatenated in input order.
 */
export function toConditionValues(friendly: Record<string, readonly string[]>): ConditionValues {
  const out: ConditionValues = {}
  for (const [key, values] of Object.entries(friendly)) {
    const slash = key.indexOf('/')
    const name = slash < 0 ? key : key.slice(0, slash)
    const short = shortKeyName(name) + (slash < 0 ? '' : key.slice(slash))
    const existing = Object.hasOwn(out, short) ? (out[short] as string[]) : []
    Object.defineProperty(out, short, { value: [...existing, ...values], enumerable: true, writable: true, configurable: true })
  }
  return out
}
