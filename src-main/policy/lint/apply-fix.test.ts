import { describe, expect, it } from 'vitest'
import { validatePolicy } from '../validate-policy.ts'
import { applyFix, fixEdit } from './apply-fix.ts'
import { lintPolicy } from './index.ts'

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)
const allow = (Action: unknown, Resource?: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, ...(Resource === undefined ? {} : { Resource }), ...extra })

// One document per mechanical fix: applying the fix clears the finding and MinIO accepts the result.
const CASES: Array<{ id: string; text: string }> = [
  { id: 'list-bucket-via-object-pattern', text: policy([allow(['s3:ListBucket'], ['arn:aws:s3:::team/home/*'])]) },
  { id: 'list-bucket-via-object-pattern', text: policy([allow('s3:ListBucket', 'arn:aws:s3:::team/*')]) },
  { id: 'never-matches', text: policy([allow(['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::team'])]) },
  { id: 'never-matches', text: policy([allow(['s3:GetObject'], ['arn:aws:s3:::'])]) },
  { id: 'duplicate-action', text: policy([allow(['s3:GetObject', 's3:PutObject', 's3:GetObject'], ['arn:aws:s3:::team/*'])]) },
  { id: 'duplicate-action', text: policy([allow(['s3:GetObject', 's3:GetObject'], ['arn:aws:s3:::team/*'])]) },
  { id: 'action-case', text: policy([allow(['s3:getobject'], ['arn:aws:s3:::team/*'])]) },
  { id: 'unknown-variable', text: policy([allow(['s3:GetObject'], ['arn:aws:s3:::team/${aws:userName}/*'])]) },
  { id: 'duplicate-sid', text: policy([allow(['s3:GetObject'], ['arn:aws:s3:::a/*'], { Sid: 'x' }), allow(['s3:GetObject'], ['arn:aws:s3:::b/*'], { Sid: 'x' })]) },
  { id: 'readonly-cannot-list', text: policy([allow(['s3:GetObject'], ['arn:aws:s3:::team/*'])]) },
  { id: 'prefix-listing-without-condition', text: policy([allow(['s3:ListBucket'], ['arn:aws:s3:::team']), allow(['s3:GetObject'], ['arn:aws:s3:::team/home/*'])]) },
]

describe('applyFix', () => {
  it.each(CASES)('a $id fix clears the finding and the document validates', ({ id, text }) => {
    const found = lintPolicy(text).find((item) => item.id === id && item.fix)
    expect(found, `no fixable ${id} finding`).toBeDefined()
    const fixed = applyFix(text, found!.fix!)
    expect(fixed).toBeDefined()
    expect(lintPolicy(fixed!).filter((item) => item.id === id && item.path === found!.path)).toEqual([])
    expect(validatePolicy(fixed!, { kind: 'canned' }).filter((issue) => issue.severity === 'error')).toEqual([])
  })

  it('edits only the fixed value, keeping the rest of the text as written', () => {
    const text = '{"Version":"2012-10-17",\n  "Statement":[{"Effect":"Allow","Action":["s3:getobject"],   "Resource":"arn:aws:s3:::t/*"}]}'
    expect(applyFix(text, { title: '', path: 'Statement[0].Action[0]', value: 's3:GetObject' }))
      .toBe(text.replace('"s3:getobject"', '"s3:GetObject"'))
  })

  it('removes the first, a middle and the only element with their commas', () => {
    const text = '{"Statement":[{"Action":["a", "b", "c"]}]}'
    expect(applyFix(text, { title: '', path: 'Statement[0].Action[0]' })).toBe('{"Statement":[{"Action":["b", "c"]}]}')
    expect(applyFix(text, { title: '', path: 'Statement[0].Action[1]' })).toBe('{"Statement":[{"Action":["a", "c"]}]}')
    expect(applyFix('{"Statement":[{"Action":["a"]}]}', { title: '', path: 'Statement[0].Action[0]' })).toBe('{"Statement":[{"Action":[]}]}')
  })

  it('appends to arrays and adds members to objects, empty or not', () => {
    expect(applyFix('{"Statement":[{"Resource":["x"]}]}', { title: '', path: 'Statement[0].Resource[1]', value: 'y' })).toBe('{"Statement":[{"Resource":["x", "y"]}]}')
    expect(applyFix('{"Statement":[{"Resource":[]}]}', { title: '', path: 'Statement[0].Resource[0]', value: 'y' })).toBe('{"Statement":[{"Resource":["y"]}]}')
    expect(applyFix('{"Statement":[{"Effect":"Allow"}]}', { title: '', path: 'Statement[0].Condition', value: { Bool: { 'aws:SecureTransport': true } } }))
      .toBe('{"Statement":[{"Effect":"Allow", "Condition": {"Bool":{"aws:SecureTransport":true}}}]}')
    expect(applyFix('{"Statement":[{}]}', { title: '', path: 'Statement[0].Sid', value: 's' })).toBe('{"Statement":[{"Sid": "s"}]}')
  })

  it('answers undefined for text that does not parse or a path it cannot reach', () => {
    expect(fixEdit('{', { title: '', path: 'Statement[0]', value: 1 })).toBeUndefined()
    expect(fixEdit('{"Statement":[]}', { title: '', path: 'Statement[3]', value: 1 })).toBeUndefined()
    expect(fixEdit('{"Statement":[]}', { title: '', path: 'Nope.Deeper', value: 1 })).toBeUndefined()
  })
})
