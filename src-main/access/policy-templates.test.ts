import { describe, expect, it } from 'vitest'
import { evaluatePrincipal, validatePolicy } from '../policy/index.ts'
import { policyTemplate, TEMPLATE_DESCRIPTIONS, type TemplateName } from './policy-templates.ts'

const allowed = (name: TemplateName, user: string, action: string, bucket: string, object = '', prefix?: string) =>
  evaluatePrincipal({ userPolicies: [policyTemplate(name, 'data', 'team/')] }, { action, bucket, object, conditionValues: { username: [user], ...(prefix === undefined ? {} : { prefix: [prefix] }) } }).allowed

describe('policy templates, checked with the evaluator', () => {
  it('every template passes MinIO\'s validation for a canned policy', () => {
    for (const name of Object.keys(TEMPLATE_DESCRIPTIONS) as TemplateName[]) expect({ name, issues: validatePolicy(JSON.stringify(policyTemplate(name, 'data', 'team/')), { kind: 'canned' }) }).toEqual({ name, issues: [] })
  })

  it('minimal: the prefix only, listing of the bucket', () => {
    expect(allowed('minimal', 'ann', 's3:PutObject', 'data', 'team/a')).toBe(true)
    expect(allowed('minimal', 'ann', 's3:PutObject', 'data', 'other/a')).toBe(false)
    expect(allowed('minimal', 'ann', 's3:ListBucket', 'data')).toBe(true)
    expect(allowed('minimal', 'ann', 's3:GetObject', 'logs', 'team/a')).toBe(false)
  })

  it('read-only: reads and lists under the prefix, never writes', () => {
    expect(allowed('read-only', 'ann', 's3:GetObject', 'data', 'team/a')).toBe(true)
    expect(allowed('read-only', 'ann', 's3:PutObject', 'data', 'team/a')).toBe(false)
    expect(allowed('read-only', 'ann', 's3:ListBucket', 'data', '', 'team/x')).toBe(true)
    expect(allowed('read-only', 'ann', 's3:ListBucket', 'data', '', 'other/')).toBe(false)
  })

  it('home: each user under its own name only', () => {
    expect(allowed('home', 'ann', 's3:PutObject', 'data', 'team/ann/notes.txt')).toBe(true)
    expect(allowed('home', 'ann', 's3:GetObject', 'data', 'team/bob/notes.txt')).toBe(false)
    expect(allowed('home', 'ann', 's3:ListBucket', 'data', '', 'team/ann/')).toBe(true)
    expect(allowed('home', 'ann', 's3:ListBucket', 'data', '', 'team/bob/')).toBe(false)
  })

  it('drop box: uploads only', () => {
    expect(allowed('drop-box', 'ann', 's3:PutObject', 'data', 'team/in.csv')).toBe(true)
    expect(allowed('drop-box', 'ann', 's3:GetObject', 'data', 'team/in.csv')).toBe(false)
    expect(allowed('drop-box', 'ann', 's3:ListBucket', 'data')).toBe(false)
    expect(allowed('drop-box', 'ann', 's3:DeleteObject', 'data', 'team/in.csv')).toBe(false)
  })
})
