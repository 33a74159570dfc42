import { AppFailure } from '../api/result.ts'
import { readSettings } from './app-settings.ts'
import { RateLimitStore } from './rate-limit-store.ts'

/** Default of the seed's `s3_validation_rate_limit`: connection tests allowed per profile per minute. */
export const DEFAULT_VALIDATION_RATE_LIMIT = 10
const VALIDATION_WINDOW_MS = 60_000

/** Authentication failures of one profile tolerated per window before its calls stop. */
export const AUTH_FAILURE_LIMIT = 5
export const AUTH_FAILURE_WINDOW_MS = 5 * 60_000

export interface ProfileRef {
  id: string
  name: string
}

/**
 * Per-profile limits shared by every process on the data directory (rate-limit-store.ts):
 * connection tests (10 a minute by default), and a brake on authentication failures: after
 * AUTH_FAILURE_LIMIT refused signatures in AUTH_FAILURE_WINDOW_MS, every call of that profile stops
 * before it reaches the server, so a loop or `snapshot export` with a wrong secret cannot hammer
 * a server or lock out an account. A new secret releases the brake.
 */
export class ProfileRateLimiter {
  readonly #store: RateLimitStore

  constructor(
    dataDir: string,
    private readonly limitPerMinute: number = DEFAULT_VALIDATION_RATE_LIMIT,
    now: () => number = Date.now,
    private readonly authFailureLimit: number = AUTH_FAILURE_LIMIT,
  ) {
    this.#store = new RateLimitStore(dataDir, now)
  }

  /** Records a connection test, or throws RATE_LIMITED saying when the next one is allowed. */
  take(profileId: string, profileName: string): void {
    const taken = this.#store.take('validation', profileId, this.limitPerMinute, VALIDATION_WINDOW_MS)
    if (taken.ok) return
    throw new AppFailure(
      'RATE_LIMITED',
      `Connection '${profileName}' was tested ${taken.count} times in the last minute (limit ${this.limitPerMinute}). Try again in ${seconds(taken.retryInMs)} s.`,
      { retryInSeconds: seconds(taken.retryInMs) },
    )
  }

  /** Throws RATE_LIMITED while the profile's authentication-failure brake is on. */
  checkAuth(profile: ProfileRef): void {
    const { count, retryInMs } = this.#store.count('auth-failure', profile.id, AUTH_FAILURE_WINDOW_MS)
    if (count < this.authFailureLimit) return
    throw new AppFailure(
      'RATE_LIMITED',
      `Connection '${profile.name}' was refused by the server ${count} times in the last ${AUTH_FAILURE_WINDOW_MS / 60_000} minutes (wrong access or secret key?), so Gatehouse stopped sending its calls. Try again in ${seconds(retryInMs)} s, or edit the connection and enter the right secret key.`,
      { retryInSeconds: seconds(retryInMs) },
    )
  }

  recordAuthFailure(profile: ProfileRef): void {
    this.#store.record('auth-failure', profile.id)
  }

  /** A new secret: its predecessor's failures no longer count. */
  secretChanged(profileId: string): void {
    this.#store.forget(profileId, 'auth-failure')
  }

  forget(profileId: string): void {
    this.#store.forget(profileId)
  }

  close(): void {
    this.#store.close()
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000))
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
