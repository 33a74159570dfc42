import { describe, expect, it } from 'vitest'
import { scanJson } from './json-context.ts'

// `|` marks the cursor.
function at(marked: string) {
  const cursor = marked.indexOf('|')
  return scanJson(marked.replace('|', ''), cursor).context
}

describe('scanJson', () => {
  it('knows an action value being typed inside a string, with what was typed', () => {
    expect(at('{"Statement":[{"Effect":"Allow","Action":["s3:Get|"]}]}')).toEqual({ role: 'value', path: ['Statement', 0, 'Action', 0], inString: true, typed: 's3:Get', from: 43 })
    expect(at('{"Statement":[{}, {"Action": "s3:|')).toMatchObject({ role: 'value', path: ['Statement', 1, 'Action'], typed: 's3:' })
  })

  it('tells keys from values, in objects and after commas', () => {
    expect(at('{"Statement":[{"Effect":"Allow", "Ac|"}]}')).toMatchObject({ role: 'key', path: ['Statement', 0], typed: 'Ac' })
    expect(at('{"Statement":[{"Condition":{"StringLike":{"s3:pr|')).toMatchObject({ role: 'key', path: ['Statement', 0, 'Condition', 'StringLike'], typed: 's3:pr' })
    expect(at('{"Statement":[{"Condition":{|}}]}')).toMatchObject({ role: 'key', path: ['Statement', 0, 'Condition'], inString: false, typed: '' })
  })

  it('counts array elements and reads bare words', () => {
    expect(at('{"Resource":["a", "b", arn|]}')).toMatchObject({ role: 'value', path: ['Resource', 2], inString: false, typed: 'arn' })
    expect(at('{"Version": |')).toMatchObject({ role: 'value', path: ['Version'] })
  })

  it('lists every string value with its path, skipping keys, across invalid text', () => {
    const { strings } = scanJson('{"Statement":[{"Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::t/*"}, {"Action": "admin:*", oops }]')
    expect(strings).toEqual([
      { path: ['Statement', 0, 'Action', 0], value: 's3:GetObject' },
      { path: ['Statement', 0, 'Action', 1], value: 's3:PutObject' },
      { path: ['Statement', 0, 'Resource'], value: 'arn:aws:s3:::t/*' },
      { path: ['Statement', 1, 'Action'], value: 'admin:*' },
    ])
  })

  it('decodes escapes and never throws on odd input', () => {
    expect(scanJson('["a\\"b"]').strings[0]?.value).toBe('a"b')
    for (const text of ['', '}', ']]]', '"', '{"a":', '{{{{', ':::', '"\\']) expect(() => scanJson(text, text.length)).not.toThrow()
  })
})
