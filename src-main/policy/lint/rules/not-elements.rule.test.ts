import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { notActionRule, notResourceRule } from './not-elements.rule.ts'

describe('not-action-not-storable and not-resource-broad', () => {
  const statements = [
    { Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: '*' },
    { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' },
    { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::safe', 'arn:aws:s3:::safe/*'] },
  ]

  it('marks every NotAction statement as not storable', () => {
    expect(summary(runRule(notActionRule, statements))).toEqual(['not-action-not-storable error Statement[0].NotAction'])
  })

  it('warns about Allow + NotResource but not about Deny + NotResource', () => {
    expect(summary(runRule(notResourceRule, statements))).toEqual(['not-resource-broad warning Statement[1].NotResource'])
  })
})
