import { afterEach, describe, expect, it } from 'vitest'
import { Writable } from 'node:stream'
import { exportEvents } from './audit-export.ts'
import { queryEvents } from './audit-query.ts'
import { pruneAuditTrail, retentionStatus } from './audit-retention.ts'
import { intentFor, tempTrail } from '../testbed/audit/trail-fixtures.ts'
import type { AuditTrail } from './audit-trail.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

const DAY = 86_400_000
const START = Date.UTC(2026, 0, 1)

/** Six events one day apart. */
async function sixDays(): Promise<AuditTrail> {
  let now = START
  const made = tempTrail({ now: () => now })
  cleanups.push(made.cleanup)
  for (let day = 0; day < 6; day++) {
    now = START + day * DAY
    await made.trail.recordChange(intentFor({ target: { type: 'user', name: `user${day}` } }), async () => ({}))
  }
  return made.trail
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() })

describe('pruneAuditTrail', () => {
  it('refuses to prune what no full export covered', async () => {
    const trail = await sixDays()
    expect(() => pruneAuditTrail(trail, { maxEvents: 2 }, 'admin')).toThrow(/never exported in full/)
    await exportEvents(trail, discard(), { format: 'jsonl', filter: { actionPrefix: 'user.' }, actor: 'admin', destination: 'x' })
    expect(() => pruneAuditTrail(trail, { maxEvents: 2 }, 'admin')).toThrow(/never exported in full/)
    expect(queryEvents(trail.database).events).toHaveLength(7)
  })

  it('prunes the oldest events after a full export, records the prune and keeps the chain verifiable', async () => {
    const trail = await sixDays()
    await exportEvents(trail, discard(), { format: 'jsonl', actor: 'admin', destination: 'backup.jsonl' })
    const summary = pruneAuditTrail(trail, { maxAgeDays: 2.5 }, 'admin', START + 5 * DAY)
    expect(summary.prunedEntries).toBe(6)
    const events = queryEvents(trail.database).events
    expect(events.map((event) => event.action)).toEqual(['audit.pruned', 'audit.exported', 'user.created', 'user.created', 'user.created'])
    expect(events[0]?.details).toMatchObject({ anchorSeq: 6, policy: { maxAgeDays: 2.5 } })
    expect(queryEvents(trail.database, { search: 'user0' }).events).toEqual([])
    expect(trail.verify()).toMatchObject({ intact: true })
    // Pruned again within policy: nothing to do, nothing recorded.
    expect(pruneAuditTrail(trail, { maxAgeDays: 2.5 }, 'admin', START + 5 * DAY).prunedEntries).toBe(0)
  })

  it('keeps only maxEvents and detects a forged anchor', async () => {
    const trail = await sixDays()
    await exportEvents(trail, discard(), { format: 'csv', actor: 'admin', destination: 'backup.csv' })
    pruneAuditTrail(trail, { maxEvents: 3 }, 'admin')
    expect(queryEvents(trail.database).events).toHaveLength(4)
    expect(trail.verify()).toMatchObject({ intact: true })
    trail.database.prepare(`UPDATE meta SET value = '5' WHERE key = 'anchor_seq'`).run()
    expect(trail.verify()).toMatchObject({ intact: false, reason: expect.stringMatching(/anchor/) })
  })

  it('refuses when new events arrived after the export', async () => {
    const trail = await sixDays()
    await exportEvents(trail, discard(), { format: 'jsonl', actor: 'admin', destination: 'x' })
    for (let index = 0; index < 4; index++) await trail.recordChange(intentFor(), async () => ({}))
    expect(() => pruneAuditTrail(trail, { maxEvents: 1 }, 'admin')).toThrow(/covers only up to #12/)
  })

  it('reports size, age, the last full export and what a prune would remove, which the prune then removes', async () => {
    const trail = await sixDays()
    const before = retentionStatus(trail.database, { maxEvents: 2 }, START + 5 * DAY)
    expect(before).toMatchObject({ entries: 12, events: 6, oldestEventTime: START, newestEventTime: START + 5 * DAY, lastFullExport: null, pruneThroughSeq: 8, eventsToPrune: 4, isCoveredByExport: false })
    expect(before.databaseBytes).toBeGreaterThan(0)
    expect(retentionStatus(trail.database, {})).toMatchObject({ pruneThroughSeq: 0, eventsToPrune: 0, isCoveredByExport: true })
    const exported = await exportEvents(trail, discard(), { format: 'jsonl', actor: 'admin', destination: 'x' })
    const after = retentionStatus(trail.database, { maxEvents: 2 }, START + 5 * DAY)
    // The export is an event too, so one more old event is over the limit.
    expect(after).toMatchObject({ events: 7, lastFullExport: { throughSeq: 12, eventId: exported.eventId }, eventsToPrune: 5, isCoveredByExport: true })
    expect(pruneAuditTrail(trail, { maxEvents: 2 }, 'admin')).toMatchObject({ prunedEvents: 5, prunedEntries: 10 })
    // The prune is an event too, and the export still covers the one event it pushes over the limit.
    expect(retentionStatus(trail.database, { maxEvents: 2 })).toMatchObject({ events: 3, eventsToPrune: 1, isCoveredByExport: true })
  })

  it('counts exactly when many events share one millisecond (counts come from the time index)', async () => {
    const made = tempTrail({ now: () => START })
    cleanups.push(made.cleanup)
    for (let index = 0; index < 5; index++) await made.trail.recordChange(intentFor(), async () => ({}))
    expect(retentionStatus(made.trail.database, { maxEvents: 2 }, START)).toMatchObject({ entries: 10, events: 5, pruneThroughSeq: 6, eventsToPrune: 3 })
    expect(retentionStatus(made.trail.database, { maxAgeDays: 1 }, START + 2 * DAY)).toMatchObject({ pruneThroughSeq: 10, eventsToPrune: 5 })
  })
})
