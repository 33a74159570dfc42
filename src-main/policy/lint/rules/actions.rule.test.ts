import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { actionCaseRule, duplicateActionRule } from './actions.rule.ts'

describe('action-case', () => {
  it('names the action a wrongly-cased one meant, and leaves patterns and unknown names to validation', () => {
    const findings = runRule(actionCaseRule, [{ Effect: 'Allow', Action: ['s3:getObject', 's3:Get*', 'ADMIN:ServerInfo', 's3:Nope'], NotAction: 'KMS:status' }])
    expect(summary(findings)).toEqual(['action-case error Statement[0].Action[0]', 'action-case error Statement[0].Action[2]', 'action-case error Statement[0].NotAction'])
    expect(findings.map((item) => item.fix?.value)).toEqual(['s3:GetObject', 'admin:ServerInfo', 'kms:Status'])
  })
})

describe('duplicate-action', () => {
  it('reports each repeat within one list, not across lists', () => {
    const findings = runRule(duplicateActionRule, [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:GetObject'], NotAction: ['s3:GetObject'] }])
    expect(summary(findings)).toEqual(['duplicate-action info Statement[0].Action[2]'])
    expect(findings[0]?.fix).toEqual({ title: "Remove the repeated 's3:GetObject'", path: 'Statement[0].Action[2]' })
  })
})
