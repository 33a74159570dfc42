import { describe, expect, it } from 'vitest'
import { parsePolicy, positionOf } from './parse.ts'

const text = `{
  "version": "2012-10-17",
  "Statement": [
    { "effect": "Allow", "Action": ["s3:GetObject", "s3:bad"], "Resource": "*" },
    { "Effect": "Deny", "action": "s3:*", "Resource": ["arn:aws:s3:::b/*"] }
  ]
}`

describe('parsePolicy', () => {
  it('canonicalises field names and keeps positions by JSON path', () => {
    const result = parsePolicy(text)
    expect(result.issues).toEqual([])
    expect(result.document?.Version).toBe('2012-10-17')
    expect(result.document?.Statement?.[0]?.Effect).toBe('Allow')
    expect(result.document?.Statement?.[1]?.Action).toBe('s3:*')
    expect(positionOf(result, 'Statement[0].Action[1]')).toMatchObject({ line: 4, column: 53 })
    expect(positionOf(result, 'Statement[1].Resource[0]')).toMatchObject({ line: 5, column: 56 })
  })

  it('falls back to the nearest ancestor for a path without its own value', () => {
    const result = parsePolicy(text)
    expect(positionOf(result, 'Statement[1].Condition')).toEqual(positionOf(result, 'Statement[1]'))
  })

  it('reports a syntax error with Go wording and line:column', () => {
    const result = parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}')
    expect(result.document).toBeUndefined()
    expect(result.issues).toEqual([{ path: '', message: "invalid character ',' looking for beginning of value", severity: 'error', line: 3, column: 17 }])
  })

  it('reports decode errors at the path of the culprit', () => {
    const result = parsePolicy('{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}')
    expect(result.issues[0]).toMatchObject({ path: 'Statement[0].Action', message: 'empty actions not allowed', line: 1, column: 42 })
  })

  it('warns about text after the first JSON value, which MinIO ignores', () => {
    const result = parsePolicy('{"Statement":[]} trailing')
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', path: '' })])
  })

  it('keeps the last duplicate, matching Go', () => {
    const result = parsePolicy('{"Statement":[{"Effect":"Deny","effect":"Allow"}]}')
    expect(result.document?.Statement?.[0]?.Effect).toBe('Allow')
  })
})
