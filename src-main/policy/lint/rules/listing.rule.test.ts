import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { listViaObjectPatternRule, prefixListingRule, readonlyCannotListRule } from './listing.rule.ts'

describe('list-bucket-via-object-pattern', () => {
  it('notes that b/* grants ListBucket only by accident and offers the bucket ARN', () => {
    const findings = runRule(listViaObjectPatternRule, [{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }])
    expect(summary(findings)).toEqual(['list-bucket-via-object-pattern info Statement[0].Resource[0]'])
    expect(findings[0]?.fix).toEqual(expect.objectContaining({ path: 'Statement[0].Resource[1]', value: 'arn:aws:s3:::b' }))
  })

  it('warns that a prefix pattern never grants ListBucket', () => {
    const findings = runRule(listViaObjectPatternRule, [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/home/*' }])
    expect(summary(findings)).toEqual(['list-bucket-via-object-pattern warning Statement[0].Resource'])
    expect(findings[0]?.fix?.value).toEqual(['arn:aws:s3:::b/home/*', 'arn:aws:s3:::b'])
  })

  it('accepts the bucket ARN', () => {
    expect(runRule(listViaObjectPatternRule, [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }])).toEqual([])
  })
})

describe('prefix-listing-without-condition', () => {
  const objects = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/home/alice/*' }

  it('warns when objects are granted under a prefix but the whole bucket can be listed', () => {
    const findings = runRule(prefixListingRule, [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }, objects])
    expect(summary(findings)).toEqual(['prefix-listing-without-condition warning Statement[0].Resource'])
    expect(findings[0]?.fix).toEqual(expect.objectContaining({ path: 'Statement[0].Condition', value: { StringLike: { 's3:prefix': ['home/alice/*'] } } }))
  })

  it('is satisfied by an s3:prefix condition, or by objects granted on the whole bucket', () => {
    const conditioned = { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': 'home/alice/*' } } }
    expect(runRule(prefixListingRule, [conditioned, objects])).toEqual([])
    const whole = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }
    expect(runRule(prefixListingRule, [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }, whole])).toEqual([])
  })
})

describe('readonly-cannot-list', () => {
  it('reports the built-in readonly shape: objects readable, listing denied', () => {
    const findings = runRule(readonlyCannotListRule, [{ Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetObject'], Resource: ['arn:aws:s3:::*'] }])
    expect(summary(findings)).toEqual(['readonly-cannot-list info Statement[0].Resource[0]'])
    expect(findings[0]?.fix).toEqual(expect.objectContaining({ path: 'Statement[1]' }))
  })

  it('is satisfied by any Allow that covers ListBucket on the bucket', () => {
    expect(runRule(readonlyCannotListRule, [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', Action: 's3:List*', Resource: 'arn:aws:s3:::b' },
    ])).toEqual([])
  })
})
