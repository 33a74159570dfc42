import { describe, expect, it } from 'vitest'
import type { AppServices } from '../services/app-services.ts'
import { dispatch, type Handlers } from './dispatch.ts'
import { testerHandlers } from './tester.ipc.ts'

// The offline channels need no service: no connection, no keychain, no audit database.
const handlers = testerHandlers({} as AppServices) as unknown as Handlers
const log = { warn: () => {}, error: () => {} }
const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, log)

const allowLogs = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ReadLogs', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] })

describe('tester channels over dispatch', () => {
  it('tester.evaluate answers through the contract schema, with traces labelled by document', async () => {
    const result = await call('tester.evaluate', {
      documents: [{ id: 'd1', name: 'read-logs', text: allowLogs }],
      principal: { userName: 'alice', userPolicies: ['d1'], groups: [] },
      request: { action: 's3:GetObject', bucket: 'logs', object: 'a.txt' },
    })
    expect(result).toMatchObject({ ok: true, value: { effect: 'allow', allowed: true } })
    const value = result.ok ? (result.value as { parent: { statements: Array<{ documentName: string; isDecisive: boolean }> } }) : null
    expect(value?.parent.statements).toEqual([expect.objectContaining({ documentName: 'read-logs', isDecisive: true })])
  })

  it('tester.evaluate refuses a principal naming a missing document as INVALID_INPUT', async () => {
    const result = await call('tester.evaluate', {
      documents: [],
      principal: { userPolicies: ['ghost'], groups: [] },
      request: { action: 's3:GetObject' },
    })
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT')
  })

  it('tester.whyNot answers a denied question with verified suggestions and their diffs', async () => {
    const result = await call('tester.whyNot', {
      documents: [{ id: 'd1', name: 'read-logs', text: allowLogs }],
      principal: { userName: 'alice', userPolicies: ['d1'], groups: [] },
      request: { action: 's3:PutObject', bucket: 'logs', object: 'a.txt' },
    })
    expect(result).toMatchObject({ ok: true, value: { allowed: false, check: { action: 's3:PutObject', bucket: 'logs', object: 'a.txt' } } })
    const value = result.ok ? (result.value as { suggestions: Array<{ title: string; changes: Array<{ documentName: string; patch: string }> }> }) : null
    const added = value?.suggestions.find((suggestion) => suggestion.title.startsWith('Add s3:PutObject to statement 1 (ReadLogs)'))
    expect(added?.changes[0]).toMatchObject({ documentName: 'read-logs', patch: expect.stringContaining('+        "s3:PutObject"') })
  })

  it('tester.catalogue passes its output schema', async () => {
    const result = await call('tester.catalogue', {})
    expect(result.ok && (result.value as { actions: unknown[] }).actions.length).toBeGreaterThan(100)
  })

  it('tester.loadSnapshot answers INVALID_INPUT for a file that is not a snapshot', async () => {
    const result = await call('tester.loadSnapshot', { fileName: 'notes.json', text: '{"notes": []}' })
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT')
    expect(!result.ok && result.error.message).toContain('notes.json')
  })
})

describe('tester input caps (what MinIO itself accepts)', () => {
  it('refuses a document over 20 KiB and condition values over 40 KiB before any evaluation', async () => {
    const never = new Proxy({}, { get: () => async () => { throw new Error('the handler must not be reached') } }) as Handlers
    const log = { warn: () => {}, error: () => {} }
    const base = { principal: { userPolicies: ['d'], groups: [] }, request: { action: 's3:GetObject' } }
    const big = await dispatch(never, 'tester.evaluate', { ...base, documents: [{ id: 'd', name: 'd', text: ' '.repeat(20_481) }] }, log)
    expect(big).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('at most 20 KiB (MinIO’s limit)') } })
    const values = { 'aws:UserAgent': Array.from({ length: 100 }, () => 'a'.repeat(4096)) }
    const many = await dispatch(never, 'tester.evaluate', { ...base, documents: [], request: { action: 's3:GetObject', conditions: values } }, log)
    expect(many).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('at most 40 KiB in all') } })
  })
})
