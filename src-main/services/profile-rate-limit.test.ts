import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { AUTH_FAILURE_LIMIT, ProfileRateLimiter, configuredValidationRateLimit } from './profile-rate-limit.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

function limiterAt(clock: { now: number }, limit = 3) {
  const dir = tempDir('gatehouse-rate-')
  return { dir, limiter: new ProfileRateLimiter(dir, limit, () => clock.now) }
}

describe('ProfileRateLimiter', () => {
  it('allows the limit per minute, then answers RATE_LIMITED with the wait in seconds', () => {
    const clock = { now: 1_000_000 }
    const { limiter } = limiterAt(clock)
    for (let attempt = 0; attempt < 3; attempt++) {
      limiter.take('p1', 'prod')
      clock.now += 1_000
    }
    let failure: unknown
    try {
      limiter.take('p1', 'prod')
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).code).toBe('RATE_LIMITED')
    expect((failure as AppFailure).message).toContain('Try again in 57 s')
    limiter.take('p2', 'staging') // other profiles keep their own budget
    clock.now += 57_000
    expect(() => limiter.take('p1', 'prod')).not.toThrow()
  })

  it('shares the budget between instances on one data directory (app and CLI)', () => {
    const clock = { now: 5_000 }
    const { dir, limiter } = limiterAt(clock, 2)
    limiter.take('p', 'prod')
    const second = new ProfileRateLimiter(dir, 2, () => clock.now)
    second.take('p', 'prod')
    expect(() => limiter.take('p', 'prod')).toThrow(/Try again/)
  })

  it('brakes a profile after the authentication-failure limit until the window passes or the secret changes', () => {
    const clock = { now: 1_000_000 }
    const { dir, limiter } = limiterAt(clock)
    const prod = { id: 'p1', name: 'prod' }
    for (let failure = 0; failure < AUTH_FAILURE_LIMIT; failure++) {
      expect(() => limiter.checkAuth(prod)).not.toThrow()
      limiter.recordAuthFailure(prod)
      clock.now += 10_000
    }
    expect(() => limiter.checkAuth(prod)).toThrow(/refused by the server 5 times in the last 5 minutes .*Try again in 250 s/)
    expect(() => limiter.checkAuth({ id: 'p2', name: 'staging' })).not.toThrow()
    // another process on the data directory sees the same brake
    expect(() => new ProfileRateLimiter(dir, 3, () => clock.now).checkAuth(prod)).toThrow(/RATE_LIMITED|refused/)
    clock.now += 250_000
    expect(() => limiter.checkAuth(prod)).not.toThrow()
    limiter.recordAuthFailure(prod)
    for (let failure = 1; failure < AUTH_FAILURE_LIMIT; failure++) limiter.recordAuthFailure(prod)
    expect(() => limiter.checkAuth(prod)).toThrow(/Try again/)
    limiter.secretChanged(prod.id)
    expect(() => limiter.checkAuth(prod)).not.toThrow()
  })

  it('reads the limit from the environment, then settings.json, else 10', () => {
    const dir = tempDir('gatehouse-rate-')
    expect(configuredValidationRateLimit(dir, {})).toBe(10)
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ s3_validation_rate_limit: 4 }))
    expect(configuredValidationRateLimit(dir, {})).toBe(4)
    expect(configuredValidationRateLimit(dir, { GATEHOUSE_S3_VALIDATION_RATE_LIMIT: '7' })).toBe(7)
  })

  it('falls back to 10 on a malformed settings file and says which file to fix', () => {
    const dir = tempDir('gatehouse-rate-')
    const warnings: string[] = []
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ s3_validation_rate_limit: 'lots' }))
    expect(configuredValidationRateLimit(dir, {}, (message) => warnings.push(message))).toBe(10)
    expect(warnings).toEqual([expect.stringContaining(`${join(dir, 'settings.json')} is malformed (s3_validation_rate_limit:`)])
  })
})
