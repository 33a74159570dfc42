import { describe, expect, it } from 'vitest'
import { evaluatePrincipal, validatePolicy } from '../policy/index.ts'
import { renderTemplate, TEMPLATES } from './template-catalogue.ts'

const allows = (id: string, action: string, bucket = '', object = '') =>
  evaluatePrincipal({ userPolicies: [renderTemplate(id, 'data', 'team').document] }, { action, bucket, object, conditionValues: { username: ['ann'] } }).allowed

describe('the template catalogue', () => {
  it('lists the four guide templates and the five built-ins, each valid for MinIO', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual(['minimal', 'read-only', 'home', 'drop-box', 'builtin:readwrite', 'builtin:readonly', 'builtin:writeonly', 'builtin:diagnostics', 'builtin:consoleAdmin'])
    for (const template of TEMPLATES) expect({ id: template.id, issues: validatePolicy(JSON.stringify(renderTemplate(template.id, 'data', 'team/').document), { kind: 'canned' }) }).toEqual({ id: template.id, issues: [] })
  })

  it('fills the bucket and the prefix (a missing trailing slash added) and suggests a name', () => {
    const { document, name } = renderTemplate('minimal', 'data', 'team')
    expect(JSON.stringify(document)).toContain('arn:aws:s3:::data/team/*')
    expect(name).toBe('data-team-minimal')
    expect(renderTemplate('builtin:readonly').name).toBe('readonly-copy')
  })

  it('refuses a missing or malformed bucket, a prefix with a wildcard, an unknown template', () => {
    expect(() => renderTemplate('minimal', '')).toThrow('Enter the bucket')
    expect(() => renderTemplate('minimal', 'Data_Bucket')).toThrow("'Data_Bucket' is not a bucket name")
    expect(() => renderTemplate('minimal', 'data', 'team/*')).toThrow('has a wildcard')
    expect(() => renderTemplate('nope', 'data')).toThrow("There is no template 'nope'")
  })

  it('the built-ins do what MinIO says they do (checked with the evaluator)', () => {
    expect(allows('builtin:readwrite', 's3:DeleteBucket', 'any')).toBe(true)
    expect(allows('builtin:readwrite', 'admin:CreateUser')).toBe(false)
    expect(allows('builtin:readonly', 's3:GetObject', 'any', 'k')).toBe(true)
    expect(allows('builtin:readonly', 's3:ListBucket', 'any')).toBe(false)
    expect(allows('builtin:readonly', 's3:PutObject', 'any', 'k')).toBe(false)
    expect(allows('builtin:writeonly', 's3:PutObject', 'any', 'k')).toBe(true)
    expect(allows('builtin:writeonly', 's3:GetObject', 'any', 'k')).toBe(false)
    expect(allows('builtin:diagnostics', 'admin:ServerInfo')).toBe(true)
    expect(allows('builtin:diagnostics', 'admin:CreateUser')).toBe(false)
    expect(allows('builtin:diagnostics', 's3:GetObject', 'any', 'k')).toBe(false)
    expect(allows('builtin:consoleAdmin', 'admin:CreateUser')).toBe(true)
    expect(allows('builtin:consoleAdmin', 'kms:CreateKey')).toBe(true)
    expect(allows('builtin:consoleAdmin', 's3:PutObject', 'any', 'k')).toBe(true)
  })
})
