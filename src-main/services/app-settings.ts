import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { RETENTION_LIMITS } from '../audit/audit.types.ts'
import type { RetentionPolicy } from '../audit/audit-retention.ts'
import { ensurePrivateDir, writePrivateFileAtomically } from '../shared/private-files.ts'
import { AppFailure } from '../api/result.ts'

export const SETTINGS_FILE_NAME = 'settings.json'

const bounded = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max).optional()

/** The saved retention policy, snake_case like every key of the file. */
const auditRetentionSchema = z
  .object({
    max_age_days: bounded(RETENTION_LIMITS.maxAgeDays),
    max_events: bounded(RETENTION_LIMITS.maxEvents),
    max_bytes: bounded(RETENTION_LIMITS.maxBytes),
  })
  .strict()

/**
 * `<dataDir>/settings.json`: the keys Gatehouse knows are checked; any other key is kept as it is, so
 * a newer or older version's settings survive a save by this one.
 */
export const settingsSchema = z.looseObject({
  /** Connection tests allowed per profile per minute (the seed's name). */
  s3_validation_rate_limit: z.number().int().min(1).max(10_000).optional(),
  audit_retention: auditRetentionSchema.optional(),
})

export type AppSettings = z.output<typeof settingsSchema>

/**
 * The settings in `dataDir`; `{}` when there is no file. A file that is not JSON, not an object, or
 * has a known key with a bad value throws INVALID_INPUT naming the file and the key, and is left alone.
 */
export function readSettings(dataDir: string): AppSettings {
  const path = join(dataDir, SETTINGS_FILE_NAME)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new AppFailure('INVALID_INPUT', `Gatehouse could not read its settings file ${path} (${(error as Error).message}). Check its permissions.`, { path })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw malformed(path, `it is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = settingsSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ')
    throw malformed(path, issues)
  }
  return parsed.data
}

/**
 * Reads, changes and writes the settings: a temp file in the same directory (0600, flushed), then a
 * rename, so a crash leaves the old file or the new one, never half of one. A malformed file is
 * refused (readSettings), never replaced. Returns what was written.
 */
export function updateSettings(dataDir: string, change: (settings: AppSettings) => AppSettings): AppSettings {
  const next = settingsSchema.parse(change(readSettings(dataDir)))
  const path = join(dataDir, SETTINGS_FILE_NAME)
  try {
    ensurePrivateDir(dataDir)
    writePrivateFileAtomically(path, `${JSON.stringify(next, null, 2)}\n`)
  } catch (error) {
    throw new AppFailure('INVALID_INPUT', `Gatehouse could not save its settings file ${path} (${(error as Error).message}). Make the data directory writable.`, { path })
  }
  return next
}

/** The saved audit retention policy; `{}` (keep everything) when none is saved. */
export function savedRetentionPolicy(dataDir: string): RetentionPolicy {
  const saved = readSettings(dataDir).audit_retention ?? {}
  return withoutUndefined({ maxAgeDays: saved.max_age_days, maxEvents: saved.max_events, maxBytes: saved.max_bytes })
}

/** Saves `policy` as the audit retention policy; an empty policy removes the key. */
export function saveRetentionPolicy(dataDir: string, policy: RetentionPolicy): void {
  updateSettings(dataDir, (settings) => {
    const rest = { ...settings }
    delete rest.audit_retention
    const saved = withoutUndefined({ max_age_days: policy.maxAgeDays, max_events: policy.maxEvents, max_bytes: policy.maxBytes })
    return Object.keys(saved).length === 0 ? rest : { ...rest, audit_retention: saved }
  })
}

function malformed(path: string, reason: string): AppFailure {
  return new AppFailure('INVALID_INPUT', `Gatehouse settings file ${path} is malformed (${reason}). Fix it or remove it; Gatehouse will not overwrite it.`, { path })
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
}
