import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { emptyOperatorRule, ipWidenedRule } from './conditions.rule.ts'

describe('ip-address-widened', () => {
  it('flags IPv6 addresses without a prefix length and offers /128', () => {
    const findings = runRule(ipWidenedRule, [{
      Effect: 'Allow', Action: 's3:GetObject', Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': ['2001:db8::1', '10.0.0.1', '2001:db8::/48'] } },
    }])
    expect(summary(findings)).toEqual(['ip-address-widened warning Statement[0].Condition.IpAddress.aws:SourceIp[0]'])
    expect(findings[0]?.fix?.value).toBe('2001:db8::1/128')
  })
})

describe('empty-condition-operator', () => {
  it('flags an operator without keys, and only that one', () => {
    const findings = runRule(emptyOperatorRule, [{
      Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: {}, StringLike: { 'aws:username': 'a*' } },
    }])
    expect(summary(findings)).toEqual(['empty-condition-operator warning Statement[0].Condition.StringEquals'])
  })
})
