import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { AppFailure } from '../api/result.ts'
import { queryEvents } from './audit-query.ts'
import { uuidV7 } from './audit-trail.ts'
import { verifyChain, verifyChainAsync } from './audit-chain.ts'
import { intentFor, steppingClock, tempTrail } from '../testbed/audit/trail-fixtures.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function trail() {
  const made = tempTrail({ now: steppingClock() })
  cleanups.push(made.cleanup)
  return made
}

describe('AuditTrail.recordChange', () => {
  it('writes the intent before the call and the completion after it', async () => {
    const { trail: audit } = trail()
    let seenDuringCall: string | undefined
    await audit.recordChange(intentFor({ before: { status: 'disabled' } }), async () => {
      seenDuringCall = queryEvents(audit.database).events[0]?.outcome.kind
      return { after: { status: 'enabled' } }
    })
    expect(seenDuringCall).toBe('unknown')
    const [event] = queryEvents(audit.database).events
    expect(event).toMatchObject({
      action: 'user.created',
      actor: 'admin',
      target: { type: 'user', name: 'alice' },
      connection: { id: 'conn-1', name: 'prod', endpoint: 'https://s3.example.test:9000' },
      outcome: { kind: 'ok' },
      before: { status: 'disabled' },
      after: { status: 'enabled' },
      time: Date.UTC(2026, 0, 1) + 1_000,
    })
    expect(event?.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('records a failed call with its code and message and rethrows it', async () => {
    const { trail: audit } = trail()
    const failure = new AppFailure('NOT_FOUND', "user 'bob' does not exist on 'prod'")
    await expect(audit.recordChange(intentFor({ action: 'user.deleted', target: { type: 'user', name: 'bob' } }), async () => {
      throw failure
    })).rejects.toBe(failure)
    expect(queryEvents(audit.database).events[0]?.outcome).toEqual({ kind: 'error', code: 'NOT_FOUND', message: "user 'bob' does not exist on 'prod'" })
  })

  it('leaves outcome unknown when the process stops between intent and completion', () => {
    const { trail: audit } = trail()
    audit.writeIntent(intentFor({ action: 'policy.updated', target: { type: 'policy', name: 'logs' } }))
    const [event] = queryEvents(audit.database).events
    expect(event?.outcome).toEqual({ kind: 'unknown' })
    expect(audit.verify()).toEqual({ intact: true, rows: 1 })
  })

  it('refuses to update or delete rows outside the retention path', async () => {
    const { trail: audit } = trail()
    await audit.recordChange(intentFor(), async () => ({}))
    expect(() => audit.database.prepare("UPDATE entries SET target = 'mallory'").run()).toThrow(/append-only/)
    expect(() => audit.database.prepare('DELETE FROM entries').run()).toThrow(/only by retention/)
  })

  it('records an already finished event in one step', () => {
    const { trail: audit } = trail()
    const id = audit.recordEvent(intentFor({ action: 'connection.validated', target: { type: 'connection', name: 'prod' } }), {
      kind: 'error',
      code: 'MINIO_AUTH_FAILED',
      message: 'wrong secret',
    })
    expect(queryEvents(audit.database).events[0]).toMatchObject({ id, outcome: { kind: 'error', code: 'MINIO_AUTH_FAILED' } })
  })
})

describe('event time', () => {
  it('never goes backwards along the chain, even when the clock does', async () => {
    const times = [5_000, 9_000, 2_000, 3_000, 10_000, 11_000]
    const made = tempTrail({ now: () => times.shift() ?? 0 })
    cleanups.push(made.cleanup)
    for (const name of ['a', 'b', 'c']) await made.trail.recordChange(intentFor({ target: { type: 'user', name } }), async () => ({}))
    const events = queryEvents(made.trail.database).events
    expect(events.map((event) => event.time)).toEqual([10_000, 9_000, 5_000])
    expect(queryEvents(made.trail.database, { since: 9_000, until: 10_000 }).events.map((event) => event.target.name)).toEqual(['b'])
    expect(made.trail.verify()).toMatchObject({ intact: true })
  })

  it('ids are time-ordered version 7 UUIDs', () => {
    expect(uuidV7(Date.UTC(2026, 0, 1))).toMatch(/^019b76da-a800-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(uuidV7(1) < uuidV7(2)).toBe(true)
  })
})

describe('AuditTrail.verify', () => {
  async function filled() {
    const made = trail()
    for (const name of ['alice', 'bob', 'carol']) {
      await made.trail.recordChange(intentFor({ target: { type: 'user', name } }), async () => ({}))
    }
    return made
  }

  // Tampering goes around the API, as an attacker with the file would: triggers dropped, rows edited.
  function tamper(path: string, sql: string) {
    const raw = new Database(path)
    raw.exec('DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;')
    raw.exec(sql)
    raw.close()
  }

  it('passes for an untouched chain', async () => {
    const { trail: audit } = await filled()
    expect(audit.verify()).toEqual({ intact: true, rows: 6 })
  })

  it('reports the first changed row', async () => {
    const { trail: audit } = await filled()
    tamper(audit.path, "UPDATE entries SET target = 'mallory' WHERE seq = 3")
    expect(audit.verify()).toMatchObject({ intact: false, firstBrokenSeq: 3 })
  })

  it('reports a changed outcome at the completion row', async () => {
    const { trail: audit } = await filled()
    tamper(audit.path, "UPDATE entries SET outcome = 'error', error_code = 'X' WHERE seq = 4")
    expect(audit.verify()).toMatchObject({ intact: false, firstBrokenSeq: 4 })
  })

  it('reports a deleted row where the gap is', async () => {
    const { trail: audit } = await filled()
    tamper(audit.path, 'DELETE FROM entries WHERE seq = 2')
    expect(audit.verify()).toMatchObject({ intact: false, firstBrokenSeq: 3, reason: expect.stringMatching(/entry 2 is missing/) })
  })

  it('walks page by page, asynchronously too, with the same verdicts', async () => {
    const { trail: audit } = await filled()
    expect(await verifyChainAsync(audit.database, 2)).toEqual({ intact: true, rows: 6 })
    tamper(audit.path, "UPDATE entries SET target = 'mallory' WHERE seq = 5")
    expect(verifyChain(audit.database, 2)).toMatchObject({ intact: false, firstBrokenSeq: 5 })
    expect(await verifyChainAsync(audit.database, 4)).toMatchObject({ intact: false, firstBrokenSeq: 5 })
  })

  it('reports a deleted first row', async () => {
    const { trail: audit } = await filled()
    tamper(audit.path, 'DELETE FROM entries WHERE seq = 1')
    expect(audit.verify()).toMatchObject({ intact: false, firstBrokenSeq: 2 })
  })
})
