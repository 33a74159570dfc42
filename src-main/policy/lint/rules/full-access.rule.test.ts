import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { fullAccessRule } from './full-access.rule.ts'

describe('full-access-on-everything', () => {
  it('flags s3:* on every bucket, admin:* anywhere and the bare *', () => {
    const findings = runRule(fullAccessRule, [
      { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] },
      { Effect: 'Allow', Action: 'admin:*' },
      { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::only/*' },
    ])
    expect(summary(findings)).toEqual([
      'full-access-on-everything warning Statement[0].Action[0]',
      'full-access-on-everything warning Statement[1].Action',
      'full-access-on-everything warning Statement[2].Action',
    ])
  })

  it('ignores scoped resources, conditions and Deny statements', () => {
    expect(runRule(fullAccessRule, [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' },
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true } } },
      { Effect: 'Deny', Action: 's3:*', Resource: '*' },
    ])).toEqual([])
  })
})
