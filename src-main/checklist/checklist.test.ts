import { describe, expect, it } from 'vitest'
import { testSnapshot } from '../testbed/worlds/access-world.ts'
import { deploymentFromSnapshot } from '../access/deployment.ts'
import { runChecklist } from './checklist.ts'
import type { ChecklistInput } from './checklist.types.ts'

const model = deploymentFromSnapshot(testSnapshot(), 'test world')
const input = (overrides: Partial<ChecklistInput> = {}): ChecklistInput => ({ endpoint: 'http://127.0.0.1:9000', accountName: 'bob', hasSessionToken: false, model, buckets: [], now: new Date('2026-12-01T00:00:00Z'), rotationDays: 90, ...overrides })
const status = (items: ReturnType<typeof runChecklist>, id: string) => items.find((item) => item.id === id)?.status

describe('checklist (pure items)', () => {
  it('plain http fails only for a host that is not loopback; https passes', () => {
    expect(status(runChecklist(input()), 'plain-http')).toBe('pass')
    expect(status(runChecklist(input({ endpoint: 'http://localhost:9000' })), 'plain-http')).toBe('pass')
    expect(status(runChecklist(input({ endpoint: 'http://10.1.2.3:9000' })), 'plain-http')).toBe('fail')
    expect(status(runChecklist(input({ endpoint: 'https://s3.example.com' })), 'plain-http')).toBe('pass')
  })

  it('root is an account that is not a builtin user, unless the credential is temporary', () => {
    expect(status(runChecklist(input()), 'root-credential')).toBe('pass')
    expect(status(runChecklist(input({ accountName: 'minioadmin' })), 'root-credential')).toBe('fail')
    expect(status(runChecklist(input({ accountName: 'uid=ann,dc=example', hasSessionToken: true })), 'root-credential')).toBe('pass')
  })

  it('asks the evaluator for full access: admin:* on * counts, write-all (three S3 actions) does not', () => {
    const full = runChecklist(input()).find((item) => item.id === 'full-access')
    expect(full?.findings).toEqual(['user ivan: every admin action (admin:*)'])
  })

  it('an expired or disabled key is not asked to rotate; enabled keys without expiry are', () => {
    const keys = runChecklist(input()).find((item) => item.id === 'access-key-expiry')?.findings ?? []
    expect(keys).toEqual(['AKBOBNARROW (of bob) never expires', 'AKBOBFULL (of bob) never expires', 'AKCAROL (of carol) never expires'])
  })
})
