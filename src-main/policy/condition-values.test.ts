import { describe, expect, it } from 'vitest'
import { toConditionValues } from './condition-values.ts'
import * as catalogue from './catalogue.ts'

describe('toConditionValues', () => {
  it('turns full key names into the short names MinIO evaluates', () => {
    expect(toConditionValues({ 'aws:SourceIp': ['10.0.0.1'], 's3:prefix': ['home/'], 's3:ExistingObjectTag/team': ['red'], 'jwt:sub': ['u1'], 'ldap:user': ['cn=a'] })).toEqual({
      SourceIp: ['10.0.0.1'], prefix: ['home/'], 'ExistingObjectTag/team': ['red'], sub: ['u1'], user: ['cn=a'],
    })
  })

  it('keeps short names, and merges keys that share a short name', () => {
    expect(toConditionValues({ prefix: ['a'], 'aws:username': ['alice'], 'ldap:username': ['bob'] })).toEqual({ prefix: ['a'], username: ['alice', 'bob'] })
  })
})

describe('catalogue', () => {
  it('holds the v3.1.3 lists', () => {
    expect(catalogue.S3_ACTIONS).toHaveLength(60)
    expect(catalogue.ADMIN_ACTIONS).toHaveLength(65)
    expect(catalogue.KMS_ACTIONS).toHaveLength(22)
    expect(catalogue.OPERATOR_NAMES).toHaveLength(24)
    expect(catalogue.ALL_KEYS).toHaveLength(59)
  })

  it('answers the condition keys of an action', () => {
    expect(catalogue.conditionKeysFor('s3:ListBucket')).toContain('s3:prefix')
    expect(catalogue.conditionKeysFor('s3:GetObject')).not.toContain('s3:prefix')
    expect(catalogue.conditionKeysFor('admin:ServerInfo')).not.toContain('s3:signatureversion')
    expect(catalogue.conditionKeysFor('sts:AssumeRoleWithWebIdentity')).toEqual(['sts:DurationSeconds'])
  })
})
