import { describe, expect, it } from 'vitest'
import { LINT_RULES, lintPolicy } from './index.ts'

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "read", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::data*"] },
    { "Sid": "read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::logs/\${aws:userName}/*" }
  ]
}`

describe('lintPolicy', () => {
  it('reports findings of several rules with line and column, ordered by position', () => {
    const findings = lintPolicy(POLICY)
    const ids = findings.map((item) => item.id)
    expect(ids).toEqual(expect.arrayContaining(['bucket-wildcard-spans-buckets', 'duplicate-sid', 'unknown-variable', 'list-bucket-via-object-pattern']))
    const wildcard = findings.find((item) => item.id === 'bucket-wildcard-spans-buckets')
    expect(wildcard).toMatchObject({ path: 'Statement[0].Resource[0]', line: 4 })
    expect(wildcard?.column).toBe(POLICY.split('\n')[3]!.indexOf('"arn:aws:s3:::data*"') + 1)
    const lines = findings.map((item) => item.line ?? 0)
    expect(lines).toEqual([...lines].sort((left, right) => left - right))
  })

  it('returns no findings for text that is not a policy, and never throws', () => {
    for (const text of ['', '{', 'null', '[]', '{"Statement": 5}', '{"Statement":[null, 1, "x", {"Action": {}}]}']) {
      expect(() => lintPolicy(text)).not.toThrow()
    }
    expect(lintPolicy('{')).toEqual([])
  })

  it('has unique rule ids', () => {
    const ids = LINT_RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('is quiet on a well-scoped policy', () => {
    const clean = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::reports'], Condition: { StringLike: { 's3:prefix': ['team/*'] } } },
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/team/*'] },
      ],
    }
    expect(lintPolicy(JSON.stringify(clean, null, 2))).toEqual([])
  })

  it('describes MinIO\'s built-in policies as an administrator would expect', () => {
    const ids = (statements: unknown[]) => lintPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements })).map((item) => item.id)
    expect(ids([{ Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetObject'], Resource: ['arn:aws:s3:::*'] }])).toEqual(['readonly-cannot-list'])
    expect(ids([{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] }])).toEqual(['full-access-on-everything'])
    expect(ids([{ Effect: 'Allow', Action: ['admin:*'] }, { Effect: 'Allow', Action: ['kms:*'] }, { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] }]))
      .toEqual(['full-access-on-everything', 'full-access-on-everything', 'full-access-on-everything'])
    expect(ids([{ Effect: 'Allow', Action: ['admin:Profiling', 'admin:ServerTrace', 'admin:ConsoleLog', 'admin:ServerInfo'], Resource: ['arn:aws:s3:::*'] }])).toEqual([])
  })
})
