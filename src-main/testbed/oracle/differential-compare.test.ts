import { describe, expect, it } from 'vitest'
import { compareAnswers, describeReport, mergeReports, normalizeMessage, runDifferential, toVector, type DifferentialReport } from './differential.ts'
import { generateCases } from '../policy-fuzz/generate-case.ts'

describe('compareAnswers', () => {
  it('agrees only on the same decision', () => {
    expect(compareAnswers({ id: 'a', allowed: true }, { id: 'a', allowed: true })).toBe('agree')
    expect(compareAnswers({ id: 'a', allowed: true }, { id: 'a', allowed: false })).toBe('decision')
    expect(compareAnswers({ id: 'a', allowed: false }, { id: 'a', error: 'x' })).toBe('decision')
    expect(compareAnswers({ id: 'a', error: 'invalid Effect allow' }, { id: 'a', allowed: false })).toBe('decision')
    expect(compareAnswers({ id: 'a', allowed: true }, { id: 'a', threw: 'TypeError' })).toBe('decision')
  })

  it('compares MinIO messages exactly, except Go standard-library wording and random map order', () => {
    expect(compareAnswers({ id: 'a', error: 'invalid Effect allow' }, { id: 'a', error: 'invalid Effect Allow' })).toBe('message')
    expect(compareAnswers({ id: 'a', error: "json: cannot unmarshal number into Go struct field Statement.Sid of type policy.ID" }, { id: 'a', error: 'wrong type' })).toBe('agree')
    expect(compareAnswers({ id: 'a', error: 'unexpected EOF' }, { id: 'a', error: 'truncated' })).toBe('agree')
    const keys = (list: string) => `unsupported condition keys '[${list}]' used for action 's3:GetObject'`
    expect(compareAnswers({ id: 'a', error: keys('s3:prefix aws:foo') }, { id: 'a', error: keys('aws:foo s3:prefix') })).toBe('agree')
  })

  it('cuts the time parser detail but keeps the value and operator', () => {
    const message = (detail: string) => `value x must be a time.Time string for DateEquals condition: parsing time "x" ${detail}`
    expect(normalizeMessage(message('as "2006": cannot parse "x" as "2006"'))).toBe(normalizeMessage(message('as RFC 3339')))
    expect(normalizeMessage(message('a'))).not.toBe(normalizeMessage(message('a').replace('DateEquals', 'DateLessThan')))
  })
})

describe('runDifferential', () => {
  it('retries MinIO on a message mismatch, since it reports one of several faults at random', async () => {
    const answers = ["unsupported action 's3:b'", "unsupported action 's3:a'"]
    let asked = 0
    const report = await runDifferential({
      seed: 1, count: 3, ask: async (testCase) => ({ id: testCase.id, error: answers[asked++ % 2]! }),
      evaluate: (testCase) => ({ id: testCase.id, error: "unsupported action 's3:a'" }),
    })
    expect(report).toMatchObject({ count: 3, agreed: 3, messageMismatches: 0, mix: { error: 3 } })
  })

  it('counts mismatches and keeps them as vectors whose expectation is MinIO\'s answer', async () => {
    const report = await runDifferential({
      seed: 9, count: 4, keep: 2,
      ask: async (testCase) => ({ id: testCase.id, allowed: true }),
      evaluate: (testCase) => ({ id: testCase.id, allowed: testCase.id.endsWith('-0') }),
    })
    expect(report).toMatchObject({ count: 4, agreed: 1, decisionMismatches: 3, mix: { allowed: 4 } })
    expect(report.vectors.map((vector) => vector.id)).toEqual(['diff-9-1', 'diff-9-2'])
    expect(report.vectors[0]).toMatchObject({ expect: { allowed: true }, description: expect.stringContaining('MinIO v3.1.3 allowed, engine denied') })
    expect(describeReport(report)).toContain('seed 9, 4 cases')
  })
})

describe('mergeReports and toVector', () => {
  it('adds up shards and keeps the first vectors', () => {
    const [first, second] = [...generateCases(3, 2)]
    const vector = toVector(first!, { id: first!.id, error: 'x' }, { id: first!.id, allowed: true }, 3)
    const shard = (count: number, vectors = [vector]): DifferentialReport => ({
      seed: 3, count, agreed: count - 1, decisionMismatches: 1, messageMismatches: 0, mix: { allowed: count, denied: 0, error: 0 }, vectors, seconds: count,
    })
    const merged = mergeReports([shard(5), shard(7, [toVector(second!, { id: second!.id, allowed: false }, { id: second!.id, threw: 'boom' }, 3)])], 1)
    expect(merged).toMatchObject({ count: 12, agreed: 10, decisionMismatches: 2, mix: { allowed: 12 }, seconds: 7 })
    expect(merged.vectors).toEqual([vector])
    expect(vector).toMatchObject({ policies: first!.policies, request: first!.request, expect: { error: 'x' } })
  })
})
