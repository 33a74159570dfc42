import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { neverMatchesRule } from './never-matches.rule.ts'

describe('never-matches', () => {
  it('finds the bare ARN, ListAllMyBuckets on a bucket, object actions on a bucket ARN and string Bools', () => {
    const findings = runRule(neverMatchesRule, [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::' },
      { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::mybucket' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'True' } } },
    ])
    expect(summary(findings)).toEqual([
      'never-matches warning Statement[0].Resource',
      'never-matches warning Statement[1].Resource',
      'never-matches warning Statement[2].Resource',
      'never-matches warning Statement[3].Condition.Bool.aws:SecureTransport',
    ])
    expect(findings[2]?.fix?.value).toBe('arn:aws:s3:::b/*')
    expect(findings[3]?.fix?.value).toBe(true)
  })

  it('accepts statements that can match', () => {
    expect(runRule(neverMatchesRule, [
      { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ])).toEqual([])
  })
})
