import { describe, expect, it } from 'vitest'
import { generateCases, type PolicyCase } from './generate-case.ts'
import { Random } from './seeded-random.ts'

const SAMPLE = [...generateCases(20261123, 3000)]

function statementsOf(testCase: PolicyCase): Array<Record<string, unknown>> {
  return testCase.policies.flatMap((policy) =>
    policy && typeof policy === 'object' && Array.isArray(policy.Statement) ? (policy.Statement as Array<Record<string, unknown>>) : [],
  )
}

function share(predicate: (testCase: PolicyCase) => boolean): number {
  return SAMPLE.filter(predicate).length / SAMPLE.length
}

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const first = Array.from({ length: 5 }, ((random) => () => random.next())(new Random(7)))
    const again = Array.from({ length: 5 }, ((random) => () => random.next())(new Random(7)))
    const other = Array.from({ length: 5 }, ((random) => () => random.next())(new Random(8)))
    expect(again).toEqual(first)
    expect(other).not.toEqual(first)
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true)
  })

  it('keeps int() inside its bounds, both ends reachable', () => {
    const random = new Random(1)
    const seen = new Set(Array.from({ length: 500 }, () => random.int(2, 4)))
    expect([...seen].sort()).toEqual([2, 3, 4])
  })
})

describe('generateCases', () => {
  it('is deterministic per seed', () => {
    expect(JSON.stringify([...generateCases(42, 200)])).toBe(JSON.stringify([...generateCases(42, 200)]))
    expect(JSON.stringify([...generateCases(43, 200)])).not.toBe(JSON.stringify([...generateCases(42, 200)]))
  })

  it('produces cases that survive a JSON round trip (the oracle reads them as JSON Lines)', () => {
    for (const testCase of SAMPLE.slice(0, 500)) expect(JSON.parse(JSON.stringify(testCase))).toEqual(testCase)
  })

  it('covers raw text, several policies, NotAction, NotResource, admin, KMS and STS statements', () => {
    expect(share((c) => c.policies.some((policy) => typeof policy === 'string'))).toBeGreaterThan(0.05)
    expect(share((c) => c.policies.length > 1)).toBeGreaterThan(0.2)
    expect(share((c) => statementsOf(c).some((s) => 'NotAction' in s))).toBeGreaterThan(0.05)
    expect(share((c) => statementsOf(c).some((s) => 'NotResource' in s))).toBeGreaterThan(0.05)
    for (const prefix of ['admin:', 'kms:']) {
      expect(share((c) => JSON.stringify(statementsOf(c).map((s) => s.Action)).includes(prefix))).toBeGreaterThan(0.05)
    }
    expect(share((c) => statementsOf(c).some((s) => s.Action === '*' || (Array.isArray(s.Action) && s.Action.includes('*'))))).toBeGreaterThan(0.03)
  })

  it('uses every condition operator family and both qualifiers', () => {
    const text = JSON.stringify(SAMPLE)
    for (const operator of ['StringEquals', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'Null', 'Bool', 'NumericGreaterThanIfExists', 'NumericLessThan', 'DateGreaterThan', 'ForAllValues:', 'ForAnyValue:']) {
      expect(text, operator).toContain(`${operator}`)
    }
  })

  it('aims most requests at an action the case names', () => {
    const aimed = share((c) => {
      const written = JSON.stringify(statementsOf(c).map((s) => s.Action ?? s.NotAction))
      const service = c.request.action.split(':')[0] ?? ''
      return written.includes(c.request.action) || written.includes(`${service}:*`) || written.includes('"*"') || /\*|\?/.test(written)
    })
    expect(aimed).toBeGreaterThan(0.6)
  })

  it('never sends an empty value list under a policy-variable key (it crashes MinIO v3.1.3, spec §3.3)', () => {
    for (const testCase of SAMPLE) {
      for (const name of ['username', 'groups', 'SourceIp', 'sub', 'user', 'CurrentTime']) {
        const values = testCase.request.conditionValues[name]
        if (values) expect(values.length, `${testCase.id} ${name}`).toBeGreaterThan(0)
      }
    }
  })
})
