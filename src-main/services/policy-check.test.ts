import { describe, expect, it } from 'vitest'
import { isBuiltinPolicy } from './policies.service.ts'
import { checkPolicyText } from './policy-check.ts'

const valid = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::reports/*"] }]
}`

describe('checkPolicyText (policies.validate)', () => {
  it('finds nothing blocking in a valid document', () => {
    expect(checkPolicyText(valid, 'canned').hasErrors).toBe(false)
  })

  it('reports MinIO’s refusal of a bad Effect as a blocking error with a line', () => {
    const result = checkPolicyText(valid.replace('"Allow"', '"Allowed"'), 'canned')
    expect(result.hasErrors).toBe(true)
    const error = result.issues.find((issue) => issue.source === 'validation' && issue.severity === 'error')
    expect(error?.message).toContain('Allowed')
    expect(error?.line).toBe(3)
  })

  it('reports broken JSON with its position and never throws', () => {
    const result = checkPolicyText('{\n  "Version": "2012-10-17",\n  "Statement": [\n', 'canned')
    expect(result.hasErrors).toBe(true)
    expect(result.issues[0]?.line).toBeGreaterThan(0)
  })

  it('keeps lint advice non-blocking', () => {
    const wide = valid.replace('"arn:aws:s3:::reports/*"', '"arn:aws:s3:::*"').replace('"s3:GetObject"', '"s3:*"')
    const result = checkPolicyText(wide, 'canned')
    expect(result.issues.some((issue) => issue.source === 'lint')).toBe(true)
    expect(result.issues.filter((issue) => issue.source === 'lint').every((issue) => issue.severity !== 'error')).toBe(true)
    expect(result.hasErrors).toBe(false)
  })
})

describe('lint fixes on the wire', () => {
  it('carries the fixed document, which no longer has the finding', () => {
    const result = checkPolicyText(valid.replace('"s3:GetObject"', '"s3:GetObject", "s3:GetObject"'), 'canned')
    const duplicate = result.issues.find((issue) => issue.ruleId === 'duplicate-action')
    expect(duplicate?.fix?.title).toContain('s3:GetObject')
    const after = checkPolicyText(duplicate!.fix!.text, 'canned')
    expect(after.issues.some((issue) => issue.ruleId === 'duplicate-action')).toBe(false)
    expect(after.hasErrors).toBe(false)
  })
})

describe('isBuiltinPolicy', () => {
  it('knows MinIO’s five built-ins', () => {
    expect(['consoleAdmin', 'diagnostics', 'readonly', 'readwrite', 'writeonly'].every(isBuiltinPolicy)).toBe(true)
    expect(isBuiltinPolicy('readonly-logs')).toBe(false)
  })
})
