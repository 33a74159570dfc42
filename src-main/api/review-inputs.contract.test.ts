import { describe, expect, it } from 'vitest'
import { accessKeysContract } from './access-keys.contract.ts'
import { accessContract } from './access.contract.ts'
import { policiesContract } from './policies.contract.ts'
import { policyCasesContract } from './policy-cases.contract.ts'

// The inputs of the channels added for saved cases, bulk key changes, who-can and policy delete
// refuse an unknown key at every level (a typo or a smuggled field is an error, not dropped quietly).
const request = { action: 's3:GetObject', bucket: 'b', object: 'o', conditions: {} }
const item = { name: 'a case', request, expect: 'allow' }
const valid: Array<[string, { safeParse: (input: unknown) => { success: boolean } }, Record<string, unknown>]> = [
  ['policyCases.list', policyCasesContract['policyCases.list'].input, { connectionId: 'c', policy: 'p' }],
  ['policyCases.save', policyCasesContract['policyCases.save'].input, { connectionId: 'c', policy: 'p', case: item }],
  ['policyCases.remove', policyCasesContract['policyCases.remove'].input, { connectionId: 'c', policy: 'p', name: 'a case' }],
  ['policyCases.run', policyCasesContract['policyCases.run'].input, { connectionId: 'c', policy: 'p', text: '{}' }],
  ['accessKeys.details', accessKeysContract['accessKeys.details'].input, { connectionId: 'c', owners: ['u'] }],
  ['accessKeys.bulkSetStatus', accessKeysContract['accessKeys.bulkSetStatus'].input, { connectionId: 'c', accessKeys: ['k'], status: 'disabled' }],
  ['access.whoCan', accessContract['access.whoCan'].input, { connectionId: 'c', action: 's3:GetObject', resource: 'b' }],
  ['access.matrix', accessContract['access.matrix'].input, { connectionId: 'c', principal: { kind: 'user', name: 'u' } }],
  ['policies.remove', policiesContract['policies.remove'].input, { connectionId: 'c', name: 'p', deleteSavedCases: true }],
]

describe('review channel inputs are strict', () => {
  it.each(valid)('%s accepts its shape and refuses an unknown key', (_, schema, input) => {
    expect(schema.safeParse(input).success).toBe(true)
    expect(schema.safeParse({ ...input, extra: 1 }).success).toBe(false)
  })

  it('a saved case and its request refuse unknown keys too, and the matrix principal', () => {
    const save = policyCasesContract['policyCases.save'].input
    expect(save.safeParse({ connectionId: 'c', policy: 'p', case: { ...item, extra: 1 } }).success).toBe(false)
    expect(save.safeParse({ connectionId: 'c', policy: 'p', case: { ...item, request: { ...request, extra: 1 } } }).success).toBe(false)
    const matrix = accessContract['access.matrix'].input
    expect(matrix.safeParse({ connectionId: 'c', principal: { kind: 'user', name: 'u', extra: 1 } }).success).toBe(false)
  })
})
