import { afterEach, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { AppFailure } from '../api/result.ts'
import { queryEvents } from './audit-query.ts'
import { AuditTrail } from './audit-trail.ts'
import { intentFor } from '../testbed/audit/trail-fixtures.ts'

// Children run on this same Node (24) through tsx; plain `node` on PATH may be Node 20.
const FIXTURE = join(import.meta.dirname, '../testbed/audit/audit-writer.fixture.ts')
const childArgs = (...args: string[]) => ['--import', 'tsx', FIXTURE, ...args]

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-rel-'))
  dirs.push(dir)
  return dir
}

function exited(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

describe('a writer killed with SIGKILL mid-burst', () => {
  it('leaves a database that opens, verifies, and has no half-written event', async () => {
    const path = join(tempDir(), 'audit.sqlite')
    const child = spawn(process.execPath, childArgs('burst', path), { stdio: ['ignore', 'pipe', 'inherit'] })
    const lines = createInterface({ input: child.stdout! })
    let seen = 0
    // Kill right after an intent line: the call is "in flight", as a crash during a server call would be.
    for await (const line of lines) {
      if (line === 'intent' && ++seen >= 300) break
    }
    child.kill('SIGKILL')
    await exited(child)

    const trail = AuditTrail.open(path)
    try {
      expect(trail.verify()).toMatchObject({ intact: true })
      const counts = trail.database.prepare<[], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM entries GROUP BY kind').all()
      const intents = counts.find((row) => row.kind === 'intent')?.n ?? 0
      expect(intents).toBeGreaterThanOrEqual(300)
      const unknown = queryEvents(trail.database, { outcome: 'unknown' }, { limit: 10 }).events
      // Only the newest event can lack its completion, and it shows as "outcome unknown", never nothing.
      expect(unknown.length).toBeLessThanOrEqual(1)
      if (unknown.length === 1) expect(unknown[0]?.seq).toBe(queryEvents(trail.database, {}, { limit: 1 }).events[0]?.seq)
      const orphans = trail.database.prepare(`SELECT count(*) FROM entries c WHERE c.kind = 'completion'
        AND NOT EXISTS (SELECT 1 FROM entries i WHERE i.seq = c.intent_seq AND i.kind = 'intent')`).pluck().get()
      expect(orphans).toBe(0)
    } finally {
      trail.close()
    }
  })
})

describe('two app instances on one data directory', () => {
  // Decision: safe, not refused. Every append is an IMMEDIATE transaction that reads the chain tip
  // under SQLite's write lock (busy timeout 10 s), so concurrent writers interleave into one chain.
  it('interleave their events into one intact chain', async () => {
    const path = join(tempDir(), 'audit.sqlite')
    const children = ['a', 'b'].map((name) => spawn(process.execPath, childArgs('count', path, '150', name), { stdio: 'inherit' }))
    expect(await Promise.all(children.map(exited))).toEqual([0, 0])
    const trail = AuditTrail.open(path)
    try {
      expect(trail.verify()).toEqual({ intact: true, rows: 600 })
      expect(queryEvents(trail.database, { outcome: 'ok' }, { limit: 1000 }).events).toHaveLength(300)
      const targets = queryEvents(trail.database, {}, { limit: 1000 }).events.map((event) => event.target.name)
      expect(new Set(targets).size).toBe(300)
    } finally {
      trail.close()
    }
  })
})

describe('storage that cannot be written', () => {
  it('a full database: AUDIT_UNAVAILABLE, and the server call is not made', async () => {
    const trail = AuditTrail.open(join(tempDir(), 'audit.sqlite'))
    try {
      await trail.recordChange(intentFor(), async () => ({}))
      // SQLITE_FULL through SQLite's own limit: the same error path as a full disk.
      trail.database.pragma(`max_page_count = ${trail.database.pragma('page_count', { simple: true }) as number}`)
      let serverCalls = 0
      const failure = await trail
        .recordChange(intentFor({ details: { note: 'x'.repeat(20_000) } }), async () => {
          serverCalls++
          return {}
        })
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(AppFailure)
      expect(failure).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: expect.stringMatching(/full.*Free disk space.*no change to a server/s) })
      expect(serverCalls).toBe(0)
    } finally {
      trail.close()
    }
  })

  it('a data directory that cannot be created: AUDIT_UNAVAILABLE on open', () => {
    const file = join(tempDir(), 'not-a-directory')
    writeFileSync(file, '')
    expect(() => AuditTrail.open(join(file, 'audit.sqlite'))).toThrow(expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }))
  })

  // A real full and a real read-only file system (tmpfs in a private mount namespace, so nothing
  // outlives the child). Needs root or user namespaces; on machines without them this case is skipped.
  const canMount = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs tmpfs /mnt'], { stdio: 'ignore' }).status === 0
  it.skipIf(!canMount)('a real full disk and a read-only file system: AUDIT_UNAVAILABLE, no unaudited server call', () => {
    const dir = tempDir()
    const node = process.execPath
    const script = `mount -t tmpfs -o size=1m tmpfs "$1" || exit 9
      "$2" ${childArgs().join(' ')} fill "$1"
      mount -o remount,ro "$1" || exit 9
      "$2" ${childArgs().join(' ')} fill "$1"
      "$2" ${childArgs().join(' ')} fill "$1/fresh"`
    const run = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', dir, node], { encoding: 'utf8', cwd: process.cwd() })
    const reports = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { written: number; serverCalls: number; intents: number; error: { code: string; message: string } })
    expect(reports, run.stderr).toHaveLength(3)
    const [full, readOnly, fresh] = reports
    expect(full?.written).toBeGreaterThan(10)
    for (const report of reports) {
      expect(report.error.code).toBe('AUDIT_UNAVAILABLE')
      // Every call that reached the "server" has its intent on disk.
      expect(report.serverCalls).toBeLessThanOrEqual(report.intents)
    }
    expect(full?.error.message).toMatch(/disk is full/)
    expect(readOnly?.serverCalls).toBe(0)
    expect(readOnly?.error.message).toMatch(/readonly|read-only/)
    expect(fresh?.serverCalls).toBe(0)
  })
})
