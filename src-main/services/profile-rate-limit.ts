import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../shared/result.ts'
import { readSettings } from './app-settings.ts'

/** Default of the seed's `s3_validation_rate_limit`: connection tests allowed per profile per minute. */
export const DEFAULT_VALIDATION_RATE_LIMIT = 10
const WINDOW_MS = 60_000
const FILE_NAME = 'validation-attempts.json'

/**
 * A sliding one-minute window of connection-test attempts per profile. Attempts are kept in the
 * data directory, so the app, browser mode and the CLI share one budget: looping
 * `gatehouse connection test` cannot hammer a server (or lock out an account) either.
 */
export class ValidationRateLimiter {
  constructor(
    private readonly dataDir: string,
    private readonly limitPerMinute: number = DEFAULT_VALIDATION_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt, or throws RATE_LIMITED saying when the next one is allowed. */
  take(profileId: string, profileName: string): void {
    const now = this.now()
    const attempts = this.#read()
    const recent = (attempts[profileId] ?? []).filter((time) => now - time < WINDOW_MS)
    if (recent.length >= this.limitPerMinute) {
      const retryInSeconds = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000))
      throw new AppFailure(
        'RATE_LIMITED',
        `Connection '${profileName}' was tested ${recent.length} times in the last minute (limit ${this.limitPerMinute}). Try again in ${retryInSeconds} s.`,
        { retryInSeconds },
      )
    }
    attempts[profileId] = [...recent, now]
    this.#write(attempts)
  }

  forget(profileId: string): void {
    const attempts = this.#read()
    delete attempts[profileId]
    this.#write(attempts)
  }

  #read(): Record<string, number[]> {
    try {
      return JSON.parse(readFileSync(join(this.dataDir, FILE_NAME), 'utf8')) as Record<string, number[]>
    } catch {
      return {} // a missing or damaged file only resets the window
    }
  }

  #write(attempts: Record<string, number[]>): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 })
    const path = join(this.dataDir, FILE_NAME)
    writeFileSync(`${path}.tmp`, JSON.stringify(attempts), { mode: 0o600 })
    renameSync(`${path}.tmp`, path)
  }
}

/**
 * The configured limit: GATEHOUSE_S3_VALIDATION_RATE_LIMIT, else `s3_validation_rate_limit` in
 * settings.json, else 10. A malformed settings file must not stop the app from starting: the default
 * (the safe side) applies and `warn` says which file to fix.
 */
export function configuredValidationRateLimit(dataDir: string, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): number {
  const fromEnv = Number(env.GATEHOUSE_S3_VALIDATION_RATE_LIMIT)
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv
  try {
    return readSettings(dataDir).s3_validation_rate_limit ?? DEFAULT_VALIDATION_RATE_LIMIT
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    warn(`${error.message} Connection tests are limited to ${DEFAULT_VALIDATION_RATE_LIMIT} per minute until then.`)
    return DEFAULT_VALIDATION_RATE_LIMIT
  }
}
