import { describe, expect, it } from 'vitest'
import { policyCatalogue } from './policy-catalogue.ts'

describe('policyCatalogue', () => {
  it('describes every action in words and keeps the keys each allows', () => {
    const catalogue = policyCatalogue()
    const get = catalogue.actions.find((action) => action.name === 's3:GetObject')
    expect(get).toMatchObject({ family: 's3', description: 'Get object — S3, on objects (bucket/key)' })
    expect(get?.extraKeys).toContain('s3:ExistingObjectTag')
    expect(catalogue.actions.find((action) => action.name === 's3:ListBucket')?.extraKeys).toContain('s3:prefix')
    expect(catalogue.actions.find((action) => action.name === 'admin:*')?.description).toBe('Every admin action')
    expect(catalogue.actions.find((action) => action.name === 'admin:CreateServiceAccount')?.description).toBe('Create service account — MinIO admin API')
    expect(catalogue.actions.filter((action) => action.family === 'kms')).toHaveLength(22)
    expect(catalogue.operators).toEqual(expect.arrayContaining(['StringEquals', 'StringLike', 'IpAddress', 'Bool']))
    expect(catalogue.variables).toContain('aws:username')
    expect(catalogue.baseKeys.s3).toContain('aws:SourceIp')
  })
})
