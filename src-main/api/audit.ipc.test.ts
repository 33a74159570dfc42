import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditService } from '../audit/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { beforeAfterPatch, exportFileName } from '../audit/audit-views.ts'
import { auditHandlers } from './audit.ipc.ts'
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
    const exportsBefore = readdirSync(join(dataDir, 'exports')).length
    const download = await call('audit.export', { format: 'jsonl', target: 'download', filter: { actionPrefix: 'policy.' } })
    const lines = download.ok ? (download.value as { content: string }).content.trim().split('\n') : []
    expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['policy.created', 'policy.updated'])
    // A download writes nowhere but the download.
    expect(download.ok && (download.value as { path: string }).path).toBe('')
    expect(readdirSync(join(dataDir, 'exports')).length).toBe(exportsBefore)
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

describe('retention channels', () => {
  const valueOf = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await call(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  type Status = { policy: Record<string, number>; events: number; eventsToPrune: number; isCoveredByExport: boolean; lastFullExport: { throughSeq: number } | null }
  const actions = async () => (await valueOf<{ events: Array<{ action: string }> }>('audit.list', {})).events.map((event) => event.action)

  it('reports the status with no saved policy, and prune says to set one', async () => {
    const status = await valueOf<Status & { oldestEventTime: number; databaseBytes: number }>('audit.retention', {})
    expect(status).toMatchObject({ policy: {}, events: 3, entries: 6, eventsToPrune: 0, isCoveredByExport: true, lastFullExport: null })
    expect(status.databaseBytes).toBeGreaterThan(0)
    const pruned = await call('audit.prune', {})
    expect(!pruned.ok && pruned.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/No retention policy is saved/) })
  })

  it('saves a policy to settings.json, records the change once, and refuses bad limits', async () => {
    const status = await valueOf<Status>('audit.setRetention', { maxEvents: 1, maxAgeDays: 30 })
    expect(status).toMatchObject({ policy: { maxEvents: 1, maxAgeDays: 30 }, events: 4, eventsToPrune: 3, isCoveredByExport: false })
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ audit_retention: { max_age_days: 30, max_events: 1 } })
    const [changed] = (await valueOf<{ events: Array<{ id: string }> }>('audit.list', { filter: { actionPrefix: 'audit.retentionChanged' } })).events
    expect(await valueOf('audit.get', { id: changed?.id })).toMatchObject({ actor: 'local:tester', before: {}, after: { maxEvents: 1, maxAgeDays: 30 } })
    await valueOf('audit.setRetention', { maxAgeDays: 30, maxEvents: 1 })
    expect(await actions()).toHaveLength(4)
    for (const bad of [{ maxEvents: 0 }, { maxEvents: 2.5 }, { maxAgeDays: 40_000 }, { maxBytes: 1024 }, { maxRows: 5 }]) {
      const refused = await call('audit.setRetention', bad)
      expect(!refused.ok && refused.error.code).toBe('INVALID_INPUT')
    }
    expect((await valueOf<Status>('audit.setRetention', {})).policy).toEqual({})
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({})
  })

  it('prunes by the saved policy only after a full export, records the prune and keeps the chain intact', async () => {
    await valueOf('audit.setRetention', { maxEvents: 2 })
    const refused = await call('audit.prune', {})
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/would prune 2 events .*never exported in full.*Export it first/) })
    await valueOf('audit.export', { format: 'jsonl', target: 'file', filter: { actionPrefix: 'policy.' } })
    expect(await valueOf<Status>('audit.retention', {})).toMatchObject({ lastFullExport: null, isCoveredByExport: false })
    await valueOf('audit.export', { format: 'jsonl', target: 'file' })
    const ready = await valueOf<Status>('audit.retention', {})
    expect(ready).toMatchObject({ events: 6, eventsToPrune: 4, isCoveredByExport: true, lastFullExport: { throughSeq: 10 } })
    expect(await valueOf('audit.prune', {})).toMatchObject({ prunedEvents: 4, prunedEntries: 8 })
    expect(await actions()).toEqual(['audit.pruned', 'audit.exported', 'audit.exported'])
    expect(await valueOf('audit.verify', {})).toMatchObject({ intact: true })
  })

  it('names a malformed settings.json and never overwrites it', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{ audit_retention: 1 }')
    for (const [channel, input] of [['audit.retention', {}], ['audit.setRetention', { maxEvents: 5 }], ['audit.prune', {}]] as const) {
      const result = await call(channel, input)
      expect(!result.ok && result.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`${join(dataDir, 'settings.json')} is malformed`) })
    }
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe('{ audit_retention: 1 }')
    expect(await actions()).toHaveLength(3)
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
