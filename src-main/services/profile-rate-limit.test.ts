import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../shared/result.ts'
import { ValidationRateLimiter, configuredValidationRateLimit } from './validation-rate-limit.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

function limiterAt(clock: { now: number }, limit = 3) {
  const dir = tempDir('gatehouse-rate-')
  return { dir, limiter: new ValidationRateLimiter(dir, limit, () => clock.now) }
}

describe('ValidationRateLimiter', () => {
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
    const second = new ValidationRateLimiter(dir, 2, () => clock.now)
    second.take('p', 'prod')
    expect(() => limiter.take('p', 'prod')).toThrow(/Try again/)
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
