import { describe, expect, it } from 'vitest'
import { validatePolicy } from './validate-policy.ts'

const valid = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }
const messages = (issues: { message: string; severity: string }[]) => issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message)

describe('validatePolicy', () => {
  it('accepts a valid canned policy', () => {
    expect(validatePolicy(valid, { kind: 'canned', name: 'read-b' })).toEqual([])
  })

  it("returns MinIO's own message for a ParseConfig failure, with a path and position", () => {
    const issues = validatePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:getobject","Resource":"*"}]}', { kind: 'canned' })
    expect(issues).toEqual([{ path: 'Statement[0].Action', message: "unsupported action 's3:getobject'", severity: 'error', line: 1, column: 65 }])
  })

  it('requires a Version and a statement for canned policies, not for session policies', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }
    expect(messages(validatePolicy(doc, { kind: 'canned' }))).toEqual([expect.stringContaining('valid version string')])
    expect(validatePolicy(doc, { kind: 'session' })).toEqual([])
    expect(messages(validatePolicy({ Version: '2012-10-17', Statement: [] }, { kind: 'canned' }))).toEqual([expect.stringContaining('at least one statement')])
  })

  it('refuses NotAction, which v3.1.3 cannot store', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: '*' }] }
    const issues = validatePolicy(doc, { kind: 'canned' })
    expect(issues).toEqual([expect.objectContaining({ path: 'Statement[0].NotAction', severity: 'error', message: expect.stringContaining('NotAction cannot be stored by this server version') })])
  })

  it('limits canned policies to 20 KiB of text', () => {
    const big = { ...valid, Statement: [{ ...valid.Statement[0], Sid: 'x'.repeat(20500) }] }
    expect(messages(validatePolicy(big, { kind: 'canned' }))).toEqual([expect.stringContaining('at most 20480 bytes')])
  })

  it('limits session policies to 4096 bytes after re-serialisation', () => {
    const resources = Array.from({ length: 200 }, (_, index) => `arn:aws:s3:::bucket-${index}/*`)
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] }
    expect(messages(validatePolicy(doc, { kind: 'session' }))).toEqual([expect.stringContaining('Session policy should not exceed 4096 characters')])
    expect(validatePolicy({ ...doc, Statement: [{ ...doc.Statement[0], Resource: resources.slice(0, 10) }] }, { kind: 'session' })).toEqual([])
  })

  it('treats an empty session policy as inherit (a warning, not an error)', () => {
    expect(validatePolicy('{}', { kind: 'session' })).toEqual([expect.objectContaining({ severity: 'warning' })])
  })

  it('checks policy names', () => {
    expect(messages(validatePolicy(valid, { kind: 'canned', name: 'a,b' }))).toEqual([expect.stringContaining('comma')])
    expect(messages(validatePolicy(valid, { kind: 'canned', name: ' padded' }))).toEqual([expect.stringContaining('whitespace')])
    expect(messages(validatePolicy(valid, { kind: 'canned', name: '' }))).toEqual([expect.stringContaining('empty')])
  })

  it('never throws on garbage', () => {
    for (const text of ['', '{', 'null', '[]', '{"Statement":5}', '\u0000']) expect(() => validatePolicy(text, { kind: 'canned' })).not.toThrow()
    expect(messages(validatePolicy('', { kind: 'canned' }))).toEqual(['EOF'])
  })
})
