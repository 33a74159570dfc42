import { describe, expect, it } from 'vitest'
import { runRule, summary } from '../../../testbed/policy-lint/rule-runner.ts'
import { duplicateSidRule } from './duplicate-sid.rule.ts'

describe('duplicate-sid', () => {
  it('reports each repeat of a Sid, pointing at the first use', () => {
    const statement = (sid: string) => ({ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })
    const findings = runRule(duplicateSidRule, [statement('Read'), statement('Write'), statement('Read'), statement(''), statement('')])
    expect(summary(findings)).toEqual(['duplicate-sid warning Statement[2].Sid'])
    expect(findings[0]?.message).toContain('Statement[0]')
  })
})
