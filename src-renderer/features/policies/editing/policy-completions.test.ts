import { describe, expect, it } from 'vitest'
import type { PolicyCatalogueView } from '../../../../src-main/api/policies.contract.ts'
import { keysForActions, policyCompletions } from './policy-completions.ts'

// A slice of the real catalogue's shape (policies.catalogue answers the full one).
const catalogue: PolicyCatalogueView = {
  actions: [
    { name: 's3:GetObject', family: 's3', description: 'Get object — S3, on objects (bucket/key)', extraKeys: ['s3:ExistingObjectTag'] },
    { name: 's3:ListBucket', family: 's3', description: 'List bucket — S3, on a bucket', extraKeys: ['s3:prefix'] },
    { name: 'admin:ServerInfo', family: 'admin', description: 'Server info — MinIO admin API', extraKeys: [] },
    { name: 'kms:Status', family: 'kms', description: 'Status — KMS', extraKeys: [] },
  ],
  operators: ['StringEquals', 'StringLike', 'IpAddress'],
  qualifiers: ['ForAnyValue'],
  baseKeys: { s3: ['aws:SourceIp', 'aws:username'], admin: ['aws:SourceIp', 'svc:DurationSeconds'], kms: ['aws:SourceIp'], sts: ['sts:DurationSeconds'] },
  variables: ['aws:username', 'aws:SourceIp'],
}

function at(marked: string, buckets: string[] = []) {
  const cursor = marked.indexOf('|')
  return policyCompletions(marked.replace('|', ''), cursor, catalogue, buckets)
}
const labels = (marked: string, buckets: string[] = []) => at(marked, buckets)?.options.map((option) => option.label)

describe('policyCompletions', () => {
  it('offers actions with their descriptions inside Action', () => {
    const completion = at('{"Statement":[{"Action":["s3:Get|"]}]}')
    expect(completion).toMatchObject({ from: 26, quote: false })
    expect(completion?.options.find((option) => option.label === 's3:GetObject')?.detail).toContain('Get object')
  })

  it('offers the condition keys valid for the statement’s actions, wherever the Action is written', () => {
    expect(labels('{"Statement":[{"Condition":{"StringLike":{"|"}}, "Action":"s3:ListBucket"}]}')).toEqual(['aws:SourceIp', 'aws:username', 's3:prefix'])
    expect(labels('{"Statement":[{"Action":["admin:*"],"Condition":{"StringLike":{"|')).toEqual(['aws:SourceIp', 'svc:DurationSeconds'])
    expect(labels('{"Statement":[{"Action":["s3:*"],"Condition":{"StringLike":{"|')).toEqual(['aws:SourceIp', 'aws:username', 's3:ExistingObjectTag', 's3:prefix'])
    expect(keysForActions(catalogue, [])).toContain('s3:prefix')
  })

  it('offers operators, qualified ones too, as Condition keys', () => {
    expect(labels('{"Statement":[{"Condition":{"|"}}]}')).toEqual(['StringEquals', 'StringLike', 'IpAddress', 'ForAnyValue:StringEquals', 'ForAnyValue:StringLike', 'ForAnyValue:IpAddress'])
  })

  it('offers resource ARNs with the connection’s buckets, and policy variables after ${', () => {
    expect(labels('{"Statement":[{"Resource":["|"]}]}', ['team'])).toEqual(['arn:aws:s3:::*', 'arn:aws:s3:::team', 'arn:aws:s3:::team/*', 'arn:aws:s3:::team/${aws:username}/*'])
    const text = '{"Statement":[{"Resource":["arn:aws:s3:::team/${aws:u|"]}]}'
    expect(at(text)).toMatchObject({ from: text.indexOf('${'), options: [{ label: '${aws:username}' }, { label: '${aws:SourceIp}' }] })
  })

  it('offers keys of the statement and the root, Effect values, and quotes outside a string', () => {
    expect(labels('{"Statement":[{"Effect":"Allow", "|"}]}')).toContain('NotResource')
    expect(labels('{"|')).toEqual(['Version', 'Statement', 'Id'])
    expect(at('{"Statement":[{"Effect": A|')).toMatchObject({ quote: true, options: [{ label: 'Allow' }, { label: 'Deny' }] })
    expect(at('{"Sid": "x|"}')).toBeUndefined()
  })
})
