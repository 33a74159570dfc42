import { afterEach, describe, expect, it } from 'vitest'
import { PassThrough } from 'node:stream'
import { AppFailure } from '../api/result.ts'
import { exportEvents, csvCell } from './audit-export.ts'
import { ftsQuery, getEvent, queryEvents } from './audit-query.ts'
import { intentFor, steppingClock, tempTrail, TEST_CONNECTION } from '../testbed/audit/trail-fixtures.ts'
import type { AuditTrail } from './audit-trail.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

const START = Date.UTC(2026, 0, 1)

/** Ten events at one-second steps (intent and completion each take a tick). */
async function seeded(): Promise<AuditTrail> {
  const made = tempTrail({ now: steppingClock(START) })
  cleanups.push(made.cleanup)
  const trail = made.trail
  const other = { id: 'conn-2', name: 'staging', endpoint: 'http://127.0.0.1:9000' }
  await trail.recordChange(intentFor({ action: 'user.created', target: { type: 'user', name: 'alice' } }), async () => ({}))
  await trail.recordChange(intentFor({ action: 'user.created', target: { type: 'user', name: 'bob' } }), async () => ({}))
  await trail.recordChange(intentFor({ action: 'policy.created', target: { type: 'policy', name: 'readwrite-logs' } }), async () => ({}))
  await trail.recordChange(intentFor({ action: 'policy.attached', target: { type: 'user', name: 'alice' } }), async () => ({}))
  await expect(
    trail.recordChange(intentFor({ action: 'policy.deleted', target: { type: 'policy', name: 'readwrite-logs' } }), async () => {
      throw new AppFailure('CONFLICT', "policy 'readwrite-logs' is still attached to 1 user")
    }),
  ).rejects.toThrow()
  await trail.recordChange(intentFor({ connection: other, action: 'group.created', target: { type: 'group', name: 'devs' } }), async () => ({}))
  trail.writeIntent(intentFor({ connection: other, action: 'group.deleted', target: { type: 'group', name: 'devs' } }))
  for (const name of ['carol', 'dave', 'erin']) {
    await trail.recordChange(intentFor({ action: 'user.deleted', target: { type: 'user', name } }), async () => ({}))
  }
  return trail
}

const targets = (trail: AuditTrail, filter: Parameters<typeof queryEvents>[1]) => queryEvents(trail.database, filter).events.map((event) => event.target.name)

describe('queryEvents over many search hits', () => {
  it('pages a common word across FTS chunks with the other filters applied, each event once', async () => {
    const made = tempTrail({ durability: 'normal', now: steppingClock(START) })
    cleanups.push(made.cleanup)
    for (let index = 0; index < 700; index++) {
      const intent = intentFor({ target: { type: 'user', name: `quota-user${index}` }, connection: index % 2 ? TEST_CONNECTION : { ...TEST_CONNECTION, id: 'conn-2' } })
      await made.trail
        .recordChange(intent, async () => {
          if (index % 3 === 0) throw new AppFailure('CONFLICT', 'quota exceeded')
          return {}
        })
        .catch(() => undefined)
    }
    const collect = (filter: Parameters<typeof queryEvents>[1]) => {
      const seqs: number[] = []
      let before: number | undefined
      do {
        const page = queryEvents(made.trail.database, filter, { before, limit: 97 })
        seqs.push(...page.events.map((event) => event.seq))
        before = page.nextCursor ?? undefined
      } while (before !== undefined)
      return seqs
    }
    const all = collect({ search: 'quota' })
    expect(all).toHaveLength(700)
    expect(all).toEqual([...all].sort((a, b) => b - a))
    const failedOnOne = collect({ search: 'quota', outcome: 'error', connectionId: 'conn-1' })
    expect(failedOnOne).toEqual(collect({ outcome: 'error', connectionId: 'conn-1' }))
    expect(failedOnOne).toHaveLength(Array.from({ length: 700 }, (_, index) => index).filter((index) => index % 3 === 0 && index % 2 === 1).length)
  })
})

describe('queryEvents', () => {
  it('returns events newest first', async () => {
    const trail = await seeded()
    expect(targets(trail, {})).toEqual(['erin', 'dave', 'carol', 'devs', 'devs', 'readwrite-logs', 'alice', 'readwrite-logs', 'bob', 'alice'])
  })

  it('filters by action prefix, connection, target, outcome and time', async () => {
    const trail = await seeded()
    expect(targets(trail, { actionPrefix: 'policy.' })).toEqual(['readwrite-logs', 'alice', 'readwrite-logs'])
    expect(targets(trail, { actionPrefix: 'user.created' })).toEqual(['bob', 'alice'])
    expect(targets(trail, { connectionId: 'conn-2' })).toEqual(['devs', 'devs'])
    expect(targets(trail, { target: 'alice' })).toEqual(['alice', 'alice'])
    expect(targets(trail, { outcome: 'error' })).toEqual(['readwrite-logs'])
    expect(targets(trail, { outcome: 'unknown' })).toEqual(['devs'])
    expect(queryEvents(trail.database, { outcome: 'ok' }).events).toHaveLength(8)
    // Intents are at START+1s, +3s, +5s ... (each completion takes a tick too).
    expect(targets(trail, { since: START + 3_000, until: START + 6_000 })).toEqual(['readwrite-logs', 'bob'])
  })

  it('searches targets and error messages, including punctuation in names', async () => {
    const trail = await seeded()
    expect(targets(trail, { search: 'readwrite-logs' })).toEqual(['readwrite-logs', 'readwrite-logs'])
    expect(targets(trail, { search: 'still attached' })).toEqual(['readwrite-logs'])
    expect(targets(trail, { search: 'car' })).toEqual(['carol'])
    expect(targets(trail, { search: 'readwrite', actionPrefix: 'policy.deleted' })).toEqual(['readwrite-logs'])
    expect(targets(trail, { search: '"AND OR (' })).toEqual([])
    expect(targets(trail, { search: 'car ' })).toEqual([])
    expect(targets(trail, { search: 'carol ' })).toEqual(['carol'])
    expect(ftsQuery('read write-logs')).toBe('"read" "write-logs"*')
  })

  it('pages with a keyset cursor without overlap or gaps', async () => {
    const trail = await seeded()
    const seen: string[] = []
    let before: number | undefined
    do {
      const page = queryEvents(trail.database, {}, { before, limit: 3 })
      seen.push(...page.events.map((event) => event.id))
      before = page.nextCursor ?? undefined
    } while (before !== undefined)
    expect(seen).toEqual(queryEvents(trail.database, {}, { limit: 100 }).events.map((event) => event.id))
    expect(new Set(seen).size).toBe(10)
  })

  it('finds one event by id', async () => {
    const trail = await seeded()
    const [newest] = queryEvents(trail.database).events
    expect(getEvent(trail.database, newest?.id ?? '')?.target.name).toBe('erin')
    expect(getEvent(trail.database, 'nope')).toBeNull()
  })
})

async function exported(trail: AuditTrail, format: 'csv' | 'jsonl', filter = {}) {
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  const summary = await exportEvents(trail, output, { format, filter, actor: 'tester', destination: 'memory', pageSize: 3 })
  return { text: Buffer.concat(chunks).toString('utf8'), summary }
}

describe('exportEvents', () => {
  it('writes JSON Lines oldest first across pages and records the export', async () => {
    const trail = await seeded()
    const { text, summary } = await exported(trail, 'jsonl', { actionPrefix: 'user.' })
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { target: { name: string }; time: string })
    expect(lines.map((line) => line.target.name)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin'])
    expect(lines[0]?.time).toBe('2026-01-01T00:00:01.000Z')
    expect(summary.rows).toBe(5)
    expect(getEvent(trail.database, summary.eventId)).toMatchObject({ action: 'audit.exported', details: { isFiltered: true }, after: { rows: 5, sha256: summary.sha256 } })
  })

  it('writes CSV with a header and quoted cells', async () => {
    const trail = await seeded()
    const { text } = await exported(trail, 'csv', { outcome: 'error' })
    const [header, row] = text.split('\r\n')
    expect(header?.startsWith('id,time,connection_id')).toBe(true)
    expect(row).toContain(',policy.deleted,policy,readwrite-logs,error,CONFLICT,policy \'readwrite-logs\' is still attached to 1 user,')
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"')
  })
})
