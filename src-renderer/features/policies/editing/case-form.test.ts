import { describe, expect, it } from 'vitest'
import { parseConditionLines } from './case-form.ts'

describe('parseConditionLines', () => {
  it('reads key=value lines, collects repeated keys and names lines it cannot read', () => {
    expect(parseConditionLines('aws:SourceIp = 10.0.0.1\n\ns3:prefix=home/\ns3:prefix=pub/\noops')).toEqual({
      conditions: { 'aws:SourceIp': ['10.0.0.1'], 's3:prefix': ['home/', 'pub/'] },
      problems: ["Line 5 ('oops') is not key=value."],
    })
  })
})
