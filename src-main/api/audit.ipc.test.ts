import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditService } from '../audit/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { auditHandlers, beforeAfterPatch, exportFileName } from './audit.ipc.ts'
import { dispatch, type Handlers } from './dispatch.ts'

const connection = { id: 'conn-1', name: 'prod', endpoint: 'http://127.0.0.1:9000' }
const log = { warn: () => {}, error: () => {} }
const policy = (actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['arn:aws:s3:::*'] }] })

let dataDir: string
let audit: AuditService
let handlers: Handlers

async function call(channel: string, input: unknown) {
  return dispatch(handlers, channel, input, log)
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-ipc-'))
  audit = AuditService.open(dataDir)
  handlers = auditHandlers({ audit, dataDir, operator: 'local:tester' } as unknown as AppServices) as unknown as Handlers
  const record = (action: 'policy.created' | 'policy.updated', before: unknown, after: unknown) =>
    audit.trail.recordEvent({ connection, actor: 'admin', action, target: { type: 'policy', name: 'logs-rw' }, before }, { kind: 'ok' }, { after })
  record('policy.created', undefined, policy(['s3:GetObject']))
  record('policy.updated', policy(['s3:GetObject']), policy(['s3:GetObject', 's3:PutObject']))
  audit.trail.recordEvent({ connection, actor: 'admin', action: 'user.created', target: { type: 'user', name: 'alice' } }, { kind: 'error', code: 'CONFLICT', message: 'user exists' })
})

afterEach(() => {
  audit.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('audit channels', () => {
  it('lists newest first without payloads, filters and pages by keyset', async () => {
    const all = await call('audit.list', {})
    expect(all.ok && all.value).toMatchObject({ nextCursor: null })
    const events = all.ok ? (all.value as { events: Array<Record<string, unknown>> }).events : []
    expect(events.map((event) => event.action)).toEqual(['user.created', 'policy.updated', 'policy.created'])
    expect(events[0]).not.toHaveProperty('before')
    const first = await call('audit.list', { filter: { actionPrefix: 'policy.' }, limit: 1 })
    const page = first.ok ? (first.value as { events: Array<{ action: string }>; nextCursor: number }) : null
    expect(page?.events.map((event) => event.action)).toEqual(['policy.updated'])
    const second = await call('audit.list', { filter: { actionPrefix: 'policy.' }, limit: 1, before: page?.nextCursor })
    expect(second.ok && (second.value as { events: Array<{ action: string }> }).events.map((event) => event.action)).toEqual(['policy.created'])
    const failed = await call('audit.list', { filter: { outcome: 'error', search: 'alice' } })
    expect(failed.ok && (failed.value as { events: unknown[] }).events).toHaveLength(1)
  })

  it('gets one event with a readable before/after diff, and NOT_FOUND for an unknown id', async () => {
    const listed = await call('audit.list', { filter: { actionPrefix: 'policy.updated' } })
    const id = listed.ok ? (listed.value as { events: Array<{ id: string }> }).events[0]?.id : undefined
    const detail = await call('audit.get', { id })
    expect(detail.ok).toBe(true)
    const patch = detail.ok ? (detail.value as { patch: string }).patch : ''
    expect(patch).toContain('+        "s3:PutObject"')
    expect(patch).toContain('--- version 1')
    const missing = await call('audit.get', { id: 'nope' })
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
  })

  it('verifies the chain: intact, then the first broken row after tampering', async () => {
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, value: { intact: true } })
    audit.close()
    const db = new Database(join(dataDir, 'audit.sqlite'))
    // Around the API, as an attacker with the file would: append-only triggers dropped, a row edited.
    db.exec("DROP TRIGGER entries_no_update; UPDATE entries SET target = 'mallory' WHERE target = 'alice'")
    db.close()
    audit = AuditService.open(dataDir)
    handlers = auditHandlers({ audit, dataDir, operator: 'local:tester' } as unknown as AppServices) as unknown as Handlers
    const report = await call('audit.verify', {})
    expect(report).toMatchObject({ ok: true, value: { intact: false } })
  })

  it('exports to a file in the data directory, and returns the text for a download', async () => {
    const saved = await call('audit.export', { format: 'csv', target: 'file' })
    const file = saved.ok ? (saved.value as { path: string; rows: number; content?: string }) : null
    expect(file?.rows).toBe(3)
    expect(file?.content).toBeUndefined()
    expect(file && file.path.startsWith(join(dataDir, 'exports'))).toBe(true)
    expect(file && existsSync(file.path) && readFileSync(file.path, 'utf8').split('\r\n')[0]).toMatch(/^id,time,/)
    const download = await call('audit.export', { format: 'jsonl', target: 'download', filter: { actionPrefix: 'policy.' } })
    const lines = download.ok ? (download.value as { content: string }).content.trim().split('\n') : []
    expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['policy.created', 'policy.updated'])
  })

  it('returns a policy history and the diff between two versions', async () => {
    const history = await call('audit.policyHistory', { policyName: 'logs-rw' })
    expect(history.ok && (history.value as unknown[]).length).toBe(2)
    const diff = await call('audit.policyDiff', { policyName: 'logs-rw', from: 1, to: 2 })
    expect(diff).toMatchObject({ ok: true, value: { added: 2, removed: 1 } })
    const missing = await call('audit.policyDiff', { policyName: 'logs-rw', from: 1, to: 9 })
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
  })

  it('refuses a filter it does not know', async () => {
    const result = await call('audit.list', { filter: { actor: 'admin' } })
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT')
  })
})

describe('helpers', () => {
  it('names export files sortably, without characters a file system refuses', () => {
    expect(exportFileName('jsonl', new Date(Date.UTC(2026, 10, 23, 9, 30, 0, 123)))).toBe('audit-20261123T093000123Z.jsonl')
  })

  it('gives no patch when one side is missing, and ignores key order', () => {
    const event = { id: 'e1', time: 0, action: 'policy.updated', actor: 'admin' } as const
    expect(beforeAfterPatch({ ...event, before: null, after: { a: 1 } })).toBeNull()
    expect(beforeAfterPatch({ ...event, before: { a: 1, b: 2 }, after: { b: 2, a: 1 } })).not.toMatch(/^[+-] /m)
  })
})
