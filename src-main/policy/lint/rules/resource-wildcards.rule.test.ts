import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { bucketWildcardRule, starPrefixedRule } from './resource-wildcards.rule.ts'

describe('bucket-wildcard-spans-buckets', () => {
  it('warns on a bucket ARN with a trailing wildcard and offers bucket + objects', () => {
    const findings = runRule(bucketWildcardRule, [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data*' }])
    expect(summary(findings)).toEqual(['bucket-wildcard-spans-buckets warning Statement[0].Resource'])
    expect(findings[0]?.message).toContain("'data'")
    expect(findings[0]?.fix?.value).toEqual(['arn:aws:s3:::data', 'arn:aws:s3:::data/*'])
  })

  it('flags wildcards in the middle of the bucket name too, as info for a Deny', () => {
    const findings = runRule(bucketWildcardRule, [{ Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::team?-data/*'] }])
    expect(summary(findings)).toEqual(['bucket-wildcard-spans-buckets info Statement[0].Resource[1]'])
    expect(findings[0]?.fix).toBeUndefined()
  })

  it('accepts all-bucket stars, object wildcards and variables', () => {
    const statement = { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::${aws:username}*', '*'] }
    expect(runRule(bucketWildcardRule, [statement])).toEqual([])
  })
})

describe('star-prefixed-resource', () => {
  it('explains that *name matches only the bucket called name', () => {
    const findings = runRule(starPrefixedRule, [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: ['*', '*bucket'] }])
    expect(summary(findings)).toEqual(['star-prefixed-resource warning Statement[0].Resource[1]'])
    expect(findings[0]?.fix?.value).toBe('arn:aws:s3:::*bucket')
  })
})
