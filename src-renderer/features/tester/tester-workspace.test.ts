import { describe, expect, it } from 'vitest'
import type { TesterIamState } from '../../../src-main/api/tester.contract.ts'
import { evaluateInput, principalWorkspace, type Workspace } from './tester-workspace.ts'

const base: Workspace = {
  documents: [
    { id: 'a', name: 'read', text: '{}', attachedTo: ['user', 'group:staff'] },
    { id: 'b', name: 'deny', text: '{}', attachedTo: ['group:staff'] },
    { id: 'c', name: 'narrow', text: '{}', attachedTo: ['session'] },
    { id: 'd', name: 'loose', text: '{}', attachedTo: [] },
  ],
  userName: ' alice ',
  groups: [{ name: 'staff', enabled: false }],
  hasAccessKey: false,
  isRoot: false,
  isOwner: false,
  action: ' s3:GetObject ',
  bucket: 'logs',
  object: ' key with spaces ',
  conditions: [
    { id: 1, key: 'aws:SourceIp', value: '10.0.0.1' },
    { id: 2, key: ' aws:SourceIp ', value: '10.0.0.2' },
    { id: 3, key: '', value: 'ignored' },
  ],
  operation: '',
  fields: { versionId: '', tags: '', storedTags: '', sourceBucket: '', sourceKey: '', prefix: '', delimiter: '', maxKeys: '', buckets: '', sendPrefix: true, sendDelimiter: true },
  transport: { secureTransport: false, sourceIp: '10.9.9.9', authType: 'signed-v4', userAgent: '', referer: 'https://ref.example' },
  semantics: { id: '', serverVersion: null },
}

describe('evaluateInput', () => {
  it('asks an S3 operation with its own fields: tags as k=v&k2=v2, the list parameters as sent', () => {
    const fields = { ...base.fields, tags: 'team=red&tier=a', prefix: 'home/', maxKeys: '5', sendDelimiter: false }
    expect(evaluateInput({ ...base, operation: 'PutObject', fields }).request.operation).toEqual({ kind: 'PutObject', tags: { team: 'red', tier: 'a' } })
    expect(evaluateInput({ ...base, operation: 'ListObjectsV2', fields }).request.operation).toMatchObject({ kind: 'ListObjectsV2', prefix: 'home/', maxKeys: '5' })
    expect(evaluateInput({ ...base, operation: 'ListBuckets', fields: { ...base.fields, buckets: 'a, b,,' } }).request).toMatchObject({ action: 'ListBuckets', operation: { kind: 'ListBuckets', buckets: ['a', 'b'] } })
  })

  it('resolves attachments to document ids and merges repeated condition keys', () => {
    const input = evaluateInput(base)
    expect(input.principal).toEqual({
      userName: 'alice',
      userPolicies: ['a'],
      groups: [{ name: 'staff', enabled: false, policies: ['a', 'b'] }],
      isRoot: false,
      isOwner: false,
    })
    expect(input.request).toEqual({
      action: 's3:GetObject', bucket: 'logs', object: ' key with spaces ', conditions: { 'aws:SourceIp': ['10.0.0.1', '10.0.0.2'] },
      transport: { secureTransport: false, sourceIp: '10.9.9.9', authType: 'signed-v4', headers: { Referer: ['https://ref.example'] }, query: {} },
      semantics: {},
    })
    expect(input.documents.map((document) => document.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('sends the session policy only when the request is signed with an access key; none means inherit', () => {
    expect(evaluateInput({ ...base, hasAccessKey: true }).principal.accessKey).toEqual({ sessionPolicy: 'c' })
    const inherit = evaluateInput({ ...base, hasAccessKey: true, documents: base.documents.filter((document) => document.id !== 'c') })
    expect(inherit.principal.accessKey).toEqual({ sessionPolicy: null })
  })
})

describe('principalWorkspace', () => {
  const state: TesterIamState = {
    source: 'prod.json',
    users: [{ name: 'alice', enabled: true, policies: ['readonly'], groups: ['staff', 'ops'] }],
    groups: [
      { name: 'staff', enabled: true, policies: ['readonly', 'office'] },
      { name: 'ops', enabled: false, policies: [] },
    ],
    policies: [{ name: 'readonly', text: 'R' }, { name: 'office', text: 'O' }],
    accessKeys: [{ accessKey: 'AK1', parentUser: 'alice', enabled: true, sessionPolicy: 'S' }],
  }

  it('loads a user: each policy once, attached where the user and its groups attach it', () => {
    expect(principalWorkspace(state, 'user:alice')).toEqual({
      documents: [
        { name: 'readonly', text: 'R', attachedTo: ['user', 'group:staff'] },
        { name: 'office', text: 'O', attachedTo: ['group:staff'] },
      ],
      userName: 'alice',
      groups: [{ name: 'staff', enabled: true }, { name: 'ops', enabled: false }],
      hasAccessKey: false,
      source: 'prod.json: user alice',
    })
  })

  it('loads an access key as its parent plus the session policy', () => {
    const loaded = principalWorkspace(state, 'key:AK1')
    expect(loaded?.hasAccessKey).toBe(true)
    expect(loaded?.documents.at(-1)).toEqual({ name: 'session policy of AK1', text: 'S', attachedTo: ['session'] })
    expect(principalWorkspace(state, 'user:bob')).toBeNull()
  })
})
