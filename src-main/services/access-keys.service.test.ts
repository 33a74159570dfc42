import { describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { parseSessionPolicy, toAccessKeyUpdate } from './access-keys.service.ts'

const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}'

describe('access-key updates (MinIO §4.8)', () => {
  it('leaves the policy out when kept, so the admin client re-sends the current one', () => {
    const update = toAccessKeyUpdate({ name: 'ci', status: 'disabled', policy: { mode: 'keep' } })
    expect(update).toEqual({ name: 'ci', status: 'disabled' })
    expect('policy' in update).toBe(false)
  })

  it('sends null to inherit and the parsed document to replace', () => {
    expect(toAccessKeyUpdate({ policy: { mode: 'inherit' } })).toEqual({ policy: null })
    expect(toAccessKeyUpdate({ policy: { mode: 'set', text: policy } }).policy).toEqual(JSON.parse(policy))
  })

  it('does not send empty name or description (MinIO cannot clear them)', () => {
    expect(toAccessKeyUpdate({ name: '', description: '', policy: { mode: 'keep' } })).toEqual({})
  })
})

describe('parseSessionPolicy', () => {
  it('refuses text that is not a JSON object, with the reason', () => {
    expect(() => parseSessionPolicy('{"Version": ')).toThrow(AppFailure)
    expect(() => parseSessionPolicy('[1]')).toThrow(/JSON object/)
  })

  it('refuses more than 4096 bytes once compacted', () => {
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: Array.from({ length: 300 }, (_, index) => `arn:aws:s3:::bucket-${index}/*`) }] })
    expect(() => parseSessionPolicy(big)).toThrow(/4096/)
  })
})
