import type { AuditRetentionPolicy } from '../../../src-main/api/audit.contract.ts'

const MIB = 1_048_576

/** The retention form as typed: empty means "no limit"; size is in MiB, the file measure in bytes. */
export interface RetentionForm {
  maxAgeDays: string
  maxEvents: string
  maxSizeMiB: string
}

export function formOf(policy: AuditRetentionPolicy): RetentionForm {
  const text = (value: number | undefined) => (value === undefined ? '' : String(value))
  return { maxAgeDays: text(policy.maxAgeDays), maxEvents: text(policy.maxEvents), maxSizeMiB: text(policy.maxBytes === undefined ? undefined : Math.round(policy.maxBytes / MIB)) }
}

/**
 * The policy the form describes, or what is wrong with it. Only the shape is checked here (whole
 * numbers); the ranges are the contract's, and its refusal names the field.
 */
export function toPolicy(form: RetentionForm): { policy: AuditRetentionPolicy } | { error: string } {
  const policy: AuditRetentionPolicy = {}
  const fields = [
    ['maxAgeDays', form.maxAgeDays, 'Maximum age (days)', 1],
    ['maxEvents', form.maxEvents, 'Maximum events', 1],
    ['maxBytes', form.maxSizeMiB, 'Maximum size (MiB)', MIB],
  ] as const
  for (const [key, text, label, unit] of fields) {
    const trimmed = text.trim()
    if (trimmed === '') continue
    if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) return { error: `${label} takes a positive whole number, not '${trimmed}'. Leave it empty for no limit.` }
    policy[key] = Number(trimmed) * unit
  }
  return { policy }
}

/** 1536 → "1.5 KiB": the database size as a person reads it. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`
}

/** "max age 90 days, max 1000 events" or "none (keeps everything)". */
export function describePolicy(policy: AuditRetentionPolicy): string {
  const limits = [
    policy.maxAgeDays === undefined ? null : `max age ${policy.maxAgeDays} days`,
    policy.maxEvents === undefined ? null : `max ${policy.maxEvents} events`,
    policy.maxBytes === undefined ? null : `max size ${formatBytes(policy.maxBytes)}`,
  ].filter((limit) => limit !== null)
  return limits.length === 0 ? 'none (keeps everything)' : limits.join(', ')
}
