import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { spoofableKeyRule } from './spoofable-keys.rule.ts'

describe('spoofable-key-in-allow', () => {
  it('warns for Referer, UserAgent and SourceIp used to allow', () => {
    const findings = runRule(spoofableKeyRule, [{
      Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*',
      Condition: { StringLike: { 'aws:Referer': 'https://site/*', 'aws:UserAgent': 'MyApp*' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    }])
    expect(summary(findings)).toEqual([
      'spoofable-key-in-allow warning Statement[0].Condition.StringLike.aws:Referer',
      'spoofable-key-in-allow warning Statement[0].Condition.StringLike.aws:UserAgent',
      'spoofable-key-in-allow warning Statement[0].Condition.IpAddress.aws:SourceIp',
    ])
  })

  it('stays quiet when the key is used to deny, or when the key is not client-controlled', () => {
    const deny = { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }
    const allow = { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:username': 'alice' } } }
    expect(runRule(spoofableKeyRule, [deny, allow])).toEqual([])
  })
})
