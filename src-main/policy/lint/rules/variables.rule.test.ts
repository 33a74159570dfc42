import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { unknownVariableRule } from './variables.rule.ts'

describe('unknown-variable', () => {
  it('suggests the common key for a miscased or misspelt variable', () => {
    const findings = runRule(unknownVariableRule, [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::b/home/${aws:userName}/*'] }])
    expect(summary(findings)).toEqual(['unknown-variable warning Statement[0].Resource[0]'])
    expect(findings[0]?.fix?.value).toBe('arn:aws:s3:::b/home/${aws:username}/*')
  })

  it('explains that a condition key is not a variable, and checks condition values', () => {
    const findings = runRule(unknownVariableRule, [{
      Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b',
      Condition: { StringLike: { 's3:prefix': ['home/${s3:prefix}/*', 'home/${aws:username}/*'] }, NumericLessThan: { 'aws:EpochTime': '${aws:EpochTime}' } },
    }])
    expect(summary(findings)).toEqual([
      'unknown-variable warning Statement[0].Condition.StringLike.s3:prefix[0]',
      'unknown-variable warning Statement[0].Condition.NumericLessThan.aws:EpochTime',
    ])
    expect(findings[0]?.message).toContain('not a policy variable')
    expect(findings[1]?.message).toContain('not substituted in this condition operator')
  })

  it('accepts the common keys spelled exactly', () => {
    expect(runRule(unknownVariableRule, [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:username}/${jwt:sub}/*' }])).toEqual([])
  })
})
