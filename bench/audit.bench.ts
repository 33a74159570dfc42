/**
 * Audit trail benchmark: append 1,000,000 events through the real recordChange path (intent and
 * completion, each its own chained transaction), then filtered queries and FTS searches over them
 * (p50/p95), verify, and a CSV export of all rows in a separate process (time, peak memory).
 * Run: `npx tsx bench/audit.bench.ts` (AUDIT_BENCH_EVENTS=20000 for a quick run; AUDIT_BENCH_DB=FILE to keep
 * and reuse the populated database). Not part of tests.
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PRIVATE_FILE_MODE } from '../src-main/shared/private-files.ts'
import { AppFailure } from '../src-main/api/result.ts'
import { exportEvents } from '../src-main/audit/audit-export.ts'
import { queryEvents } from '../src-main/audit/audit-query.ts'
import { AuditTrail, describeFailure } from '../src-main/audit/audit-trail.ts'
import { AUDIT_ACTIONS, type AuditFilter, type AuditIntent } from '../src-main/audit/audit.types.ts'

const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000)
const USERS = 50_000
const START = Date.UTC(2026, 0, 1)
const CONNECTIONS = ['prod', 'staging', 'dev'].map((name) => ({ id: `conn-${name}`, name, endpoint: `https://${name}.example.test:9000` }))
const ACTIONS = AUDIT_ACTIONS.filter((action) => !action.startsWith('audit.'))

/** A deterministic pseudo-random stream, so runs are comparable. */
function random(seed: number): () => number {
  let state = seed
  return () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32)
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T
}

function makeEvent(next: () => number): { intent: AuditIntent; failure: AppFailure | null } {
  const action = pick(ACTIONS, next)
  const intent: AuditIntent = {
    connection: pick(CONNECTIONS, next),
    actor: 'admin',
    action,
    target: { type: action.startsWith('policy.') ? 'policy' : 'user', name: `user${Math.floor(next() * USERS)}` },
    before: action === 'policy.updated' ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::logs/*'] }] } : undefined,
  }
  const failure = next() < 0.05 ? new AppFailure('NOT_FOUND', `The user '${intent.target.name}' does not exist on ${intent.connection?.name}.`) : null
  return { intent, failure }
}

/** The real path: recordChange per event, intent and completion each their own transaction. */
async function append(path: string, durability: 'normal' | 'full', count: number, from = START): Promise<number> {
  let clock = from
  const trail = AuditTrail.open(path, { durability, now: () => (clock += 30) })
  const next = random(42)
  const started = performance.now()
  for (let index = 0; index < count; index++) {
    const { intent, failure } = makeEvent(next)
    await trail
      .recordChange(intent, async () => {
        if (failure) throw failure
        return {}
      })
      .catch(() => undefined)
    if ((index + 1) % 100_000 === 0) console.log(`  ... ${(index + 1).toLocaleString('en')} events, ${Math.round((index + 1) / ((performance.now() - started) / 1000)).toLocaleString('en')} events/s so far`)
  }
  const seconds = (performance.now() - started) / 1000
  trail.close()
  return count / seconds
}

/**
 * AUDIT_BENCH_POPULATE=batched: the same intents and completions (same code, same chain), committed
 * 10,000 events per transaction, only to reach 1M rows quickly for the query and export figures.
 */
function populateBatched(path: string, count: number): number {
  let clock = START
  const trail = AuditTrail.open(path, { durability: 'normal', now: () => (clock += 30) })
  const next = random(42)
  const started = performance.now()
  const batch = trail.database.transaction((size: number) => {
    for (let index = 0; index < size; index++) {
      const { intent, failure } = makeEvent(next)
      const pending = trail.writeIntent(intent)
      trail.writeCompletion(pending, failure ? describeFailure(failure) : { kind: 'ok' }, undefined, 1)
    }
  })
  for (let done = 0; done < count; done += 10_000) batch(Math.min(10_000, count - done))
  trail.close()
  return count / ((performance.now() - started) / 1000)
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0
}

function timeQueries(trail: AuditTrail, label: string, makeFilter: (next: () => number) => AuditFilter, runs = 200): void {
  const next = random(7)
  const samples: number[] = []
  let returned = 0
  for (let run = 0; run < runs; run++) {
    const filter = makeFilter(next)
    const started = performance.now()
    returned += queryEvents(trail.database, filter, { limit: 50 }).events.length
    samples.push(performance.now() - started)
  }
  console.log(`  ${label.padEnd(58)} p50 ${percentile(samples, 0.5).toFixed(2).padStart(7)} ms  p95 ${percentile(samples, 0.95).toFixed(2).padStart(7)} ms  (avg ${(returned / runs).toFixed(1)} rows/page)`)
}

function queries(path: string): void {
  const trail = AuditTrail.open(path)
  const events = trail.database.prepare<[], number>(`SELECT count(*) FROM entries WHERE kind = 'intent'`).pluck().get() ?? 0
  const span = events * 60
  const user = (next: () => number) => `user${Math.floor(next() * USERS)}`
  console.log(`Queries over ${events.toLocaleString('en')} events, first page of 50, 200 runs each:`)
  timeQueries(trail, 'no filter (newest page)', () => ({}))
  timeQueries(trail, 'connection + action prefix', (next) => ({ connectionId: pick(CONNECTIONS, next).id, actionPrefix: pick(['user.', 'policy.', 'group.'], next) }))
  timeQueries(trail, 'target (exact user name)', (next) => ({ target: user(next) }))
  timeQueries(trail, 'outcome = error', () => ({ outcome: 'error' }))
  timeQueries(trail, 'time range (random 1 h window)', (next) => {
    const since = START + Math.floor(next() * span)
    return { since, until: since + 3_600_000 }
  })
  timeQueries(trail, 'time range (1 h) + connection + action prefix', (next) => {
    const since = START + Math.floor(next() * span)
    return { since, until: since + 3_600_000, connectionId: pick(CONNECTIONS, next).id, actionPrefix: 'policy.' }
  })
  timeQueries(trail, 'FTS: a user name (targets)', (next) => ({ search: user(next) }))
  timeQueries(trail, 'FTS: user name + "exist" (target and message)', (next) => ({ search: `${user(next)} exist` }))
  timeQueries(trail, 'FTS: common word "exist" as a prefix (5% of events)', () => ({ search: 'exist' }))
  timeQueries(trail, 'FTS: common word "exist " (complete word)', () => ({ search: 'exist ' }))
  timeQueries(trail, 'FTS: "exist" + a user name (prefix on the name)', (next) => ({ search: `exist ${user(next)}` }))
  timeQueries(trail, 'FTS: a user name + outcome error + connection', (next) => ({ search: user(next), outcome: 'error', connectionId: pick(CONNECTIONS, next).id }))
  let started = performance.now()
  const report = trail.verify()
  console.log(`Verify whole chain: ${report.rows.toLocaleString('en')} entries, intact=${report.intact}, ${((performance.now() - started) / 1000).toFixed(1)} s`)
  started = performance.now()
  const page = queryEvents(trail.database, {}, { limit: 50 })
  let pages = 1
  let cursor = page.nextCursor
  while (cursor !== null && pages < 200) {
    cursor = queryEvents(trail.database, {}, { before: cursor, limit: 50 }).nextCursor
    pages++
  }
  console.log(`Keyset paging: ${pages} pages of 50 in ${(performance.now() - started).toFixed(1)} ms`)
  trail.close()
}

/** Runs in a child process, so its peak RSS is the export's alone. */
async function exportOnly(path: string): Promise<void> {
  const trail = AuditTrail.open(path)
  const out = join(path, '..', 'export.csv')
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const started = performance.now()
  const output = createWriteStream(out, { mode: PRIVATE_FILE_MODE })
  const summary = await exportEvents(trail, output, { format: 'csv', actor: 'bench', destination: out })
  output.end()
  await finished(output)
  clearInterval(sampler)
  const seconds = (performance.now() - started) / 1000
  const maxRss = process.resourceUsage().maxRSS * 1024
  console.log(`CSV export: ${summary.rows.toLocaleString('en')} rows, ${(statSync(out).size / 2 ** 20).toFixed(0)} MiB, ${seconds.toFixed(1)} s (${Math.round(summary.rows / seconds).toLocaleString('en')} rows/s)`)
  console.log(`  memory: RSS before ${(baseline / 2 ** 20).toFixed(0)} MiB, peak sampled ${(peak / 2 ** 20).toFixed(0)} MiB, process maxRSS ${(maxRss / 2 ** 20).toFixed(0)} MiB`)
  trail.close()
}

function exportInChild(path: string): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--export-only', path], { stdio: 'inherit' })
  if (child.status !== 0) throw new Error(`export child failed with ${child.status}`)
}

async function main(): Promise<void> {
  if (process.argv[2] === '--export-only') return exportOnly(process.argv[3] ?? '')
  // AUDIT_BENCH_DB=FILE keeps the populated database there and, when it exists, measures only
  // queries and export on it (to re-measure on an idle machine without repopulating).
  const kept = process.env.AUDIT_BENCH_DB
  if (kept && existsSync(kept)) {
    // AUDIT_BENCH_APPEND=N: the app's append rate on a trail that already holds the kept rows.
    const more = Number(process.env.AUDIT_BENCH_APPEND ?? 0)
    if (more > 0) {
      for (const durability of ['normal', 'full'] as const) {
        const rate = await append(kept, durability, durability === 'full' ? Math.min(more, 5_000) : more, Date.now())
        console.log(`Append onto the kept trail, durability ${durability}, ${(durability === 'full' ? Math.min(more, 5_000) : more).toLocaleString('en')} events: ${Math.round(rate).toLocaleString('en')} events/s`)
      }
    }
    queries(kept)
    return exportInChild(kept)
  }
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-bench-'))
  try {
    const fullRate = await append(join(dir, 'full.sqlite'), 'full', Math.min(EVENTS, 5_000))
    console.log(`Append, durability full (fsync per commit), ${Math.min(EVENTS, 5_000).toLocaleString('en')} events: ${Math.round(fullRate).toLocaleString('en')} events/s`)
    const path = kept ?? join(dir, 'audit.sqlite')
    if (process.env.AUDIT_BENCH_POPULATE === 'batched') {
      const rate = populateBatched(path, EVENTS)
      console.log(`Populated ${EVENTS.toLocaleString('en')} events in batches of 10,000 (not the app's path): ${Math.round(rate).toLocaleString('en')} events/s; file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`)
    } else {
      const rate = await append(path, 'normal', EVENTS)
      console.log(`Append, durability normal, ${EVENTS.toLocaleString('en')} events (2 chained transactions each): ${Math.round(rate).toLocaleString('en')} events/s; file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`)
    }
    queries(path)
    exportInChild(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
