import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { queryEvents } from './audit-query.ts'
import { AuditTrail } from './audit-trail.ts'
import { intentFor } from '../testbed/audit/trail-fixtures.ts'
import { MIGRATIONS, migrate } from './migrations.ts'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('migrations', () => {
  it('are numbered 1, 2, ... and bring a version 1 database with data to the latest', async () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-migrate-'))
    dirs.push(dir)
    const path = join(dir, 'audit.sqlite')
    // A file as version 1 left it, with events written through that schema's trigger.
    const old = new Database(path)
    old.exec(MIGRATIONS[0]!.sql)
    old.pragma('user_version = 1')
    old.close()
    const raw = new Database(path)
    raw.exec(`INSERT INTO entries (seq, kind, event_id, time_ms, actor, action, target_type, target, hash)
      VALUES (1, 'intent', 'e1', 1, 'admin', 'user.created', 'user', 'legacy-user', 'h')`)
    expect(migrate(raw)).toBe(MIGRATIONS.length)
    expect(migrate(raw)).toBe(MIGRATIONS.length)
    raw.close()
    const trail = AuditTrail.open(path)
    try {
      expect(queryEvents(trail.database, { search: 'legacy' }).events.map((event) => event.target.name)).toEqual(['legacy-user'])
      await trail.recordChange(intentFor({ target: { type: 'user', name: 'new-user' } }), async () => ({}))
      expect(queryEvents(trail.database, { search: 'new-user' }).events).toHaveLength(1)
    } finally {
      trail.close()
    }
  })
})
