import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { AppFailure } from '../api/result.ts'
import { intentFor, steppingClock, tempTrail } from '../testbed/audit/trail-fixtures.ts'
import type { CliIo } from './io.ts'
import { main } from './main.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

async function dataDirWithEvents(): Promise<string> {
  const { trail, dataDir, cleanup } = tempTrail({ now: steppingClock() })
  cleanups.push(cleanup)
  await trail.recordChange(intentFor({ target: { type: 'user', name: 'alice' } }), async () => ({}))
  await trail.recordChange(intentFor({ action: 'policy.created', target: { type: 'policy', name: 'logs' } }), async () => ({ after: { Version: '2012-10-17', Statement: [] } }))
  await trail
    .recordChange(intentFor({ action: 'user.deleted', target: { type: 'user', name: 'bob, "the builder"' } }), async () => {
      throw new AppFailure('NOT_FOUND', 'no such user')
    })
    .catch(() => undefined)
  trail.close()
  return dataDir
}

function captureIo(dataDir: string): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readStdin: async () => '',
    promptHidden: async () => '',
    isStdinTty: false,
    env: { GATEHOUSE_DATA_DIR: dataDir },
    out: () => out,
    err: () => err,
  }
}

describe('gatehouse audit', () => {
  it('verify exits 0 for an intact chain and 1 naming the first broken entry', async () => {
    const dataDir = await dataDirWithEvents()
    const intact = captureIo(dataDir)
    expect(await main(['audit', 'verify'], intact)).toBe(0)
    expect(intact.out()).toMatch(/intact: 6 entries/)
    const raw = new Database(join(dataDir, 'audit.sqlite'))
    raw.exec("DROP TRIGGER entries_no_update; UPDATE entries SET actor = 'mallory' WHERE seq = 3")
    raw.close()
    const broken = captureIo(dataDir)
    expect(await main(['audit', 'verify'], broken)).toBe(1)
    expect(broken.out()).toMatch(/BROKEN at entry 3/)
  })

  it('export writes CSV to a file with the same filters as list', async () => {
    const dataDir = await dataDirWithEvents()
    const file = join(dataDir, 'out.csv')
    const io = captureIo(dataDir)
    expect(await main(['audit', 'export', '--format', 'csv', '-o', file, '--action', 'user.', '--outcome', 'error'], io)).toBe(0)
    const lines = readFileSync(file, 'utf8').trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(',user.deleted,user,"bob, ""the builder""",error,NOT_FOUND,no such user,')
    expect(io.err()).toMatch(/Exported 1 events/)
  })

  it('export writes JSON Lines to standard output', async () => {
    const dataDir = await dataDirWithEvents()
    const io = captureIo(dataDir)
    expect(await main(['audit', 'export', '--format', 'jsonl', '--search', 'logs'], io)).toBe(0)
    expect(io.out().trim().split('\n').map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['policy.created'])
  })

  it('list, history and usage errors', async () => {
    const dataDir = await dataDirWithEvents()
    const io = captureIo(dataDir)
    expect(await main(['audit', 'list', '--target', 'alice'], io)).toBe(0)
    expect(io.out()).toMatch(/user\.created {2}user\/alice {2}ok/)
    expect(await main(['audit', 'history', 'logs'], io)).toBe(0)
    expect(io.out()).toMatch(/1 {2}.*policy\.created/)
    expect(await main(['audit', 'export', '--format', 'xml'], io)).toBe(2)
    expect(await main(['audit', 'list', '--outcome', 'maybe'], io)).toBe(2)
    expect(await main(['audit', 'prune', '--max-events', '1'], io)).toBe(1)
    expect(io.err()).toMatch(/CONFLICT: .*Export it first/)
  })

  it('retention shows the saved policy; prune without flags applies it after a full export, flags replace it', async () => {
    const dataDir = await dataDirWithEvents()
    const io = captureIo(dataDir)
    expect(await main(['audit', 'retention'], io)).toBe(0)
    expect(io.out()).toMatch(/Retention policy: none saved \(keeps everything\)\nTrail: 3 events \(6 entries\), oldest 2026-01-01T00:00:01\.000Z, .*\nLast full export: never\nPrune now: nothing to prune\n/)
    expect(await main(['audit', 'prune'], io)).toBe(2)
    expect(io.err()).toMatch(/prune needs --max-age-days, --max-events or --max-bytes, or a saved retention policy/)

    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ audit_retention: { max_events: 1 } }))
    const saved = captureIo(dataDir)
    expect(await main(['audit', 'retention'], saved)).toBe(0)
    expect(saved.out()).toMatch(/Retention policy: max 1 events\n[^]*Prune now: 2 events \(entries up to #4\), NOT covered: export in full first/)
    expect(await main(['audit', 'prune'], saved)).toBe(1)
    expect(saved.err()).toMatch(/CONFLICT: The retention policy would prune 2 events .*Export it first/)
    expect(await main(['audit', 'export', '--format', 'jsonl', '-o', join(dataDir, 'backup.jsonl')], saved)).toBe(0)
    expect(await main(['audit', 'prune'], saved)).toBe(0)
    expect(saved.out()).toMatch(/Pruned 3 events \(6 entries\); the chain now starts after entry 6\./)
    expect(await main(['audit', 'prune', '--max-age-days', '36500'], saved)).toBe(0)
    expect(saved.out()).toMatch(/Nothing to prune under max age 36500 days\./)

    const json = captureIo(dataDir)
    expect(await main(['audit', 'retention', '--json'], json)).toBe(0)
    // Left: the export and the prune; the export event itself is past the last export, so not covered.
    expect(JSON.parse(json.out())).toMatchObject({ policy: { maxEvents: 1 }, events: 2, lastFullExport: { throughSeq: 6 }, eventsToPrune: 1, isCoveredByExport: false })
    expect(await main(['audit', 'verify'], json)).toBe(0)
  })

  it('names a malformed settings.json instead of pruning', async () => {
    const dataDir = await dataDirWithEvents()
    writeFileSync(join(dataDir, 'settings.json'), '{"audit_retention": {"max_events": -3}}')
    const io = captureIo(dataDir)
    expect(await main(['audit', 'prune'], io)).toBe(1)
    expect(io.err()).toContain(`INVALID_INPUT: Gatehouse settings file ${join(dataDir, 'settings.json')} is malformed (audit_retention.max_events: Too small`)
  })

  it('runs as the real bin with the documented exit codes', async () => {
    const dataDir = await dataDirWithEvents()
    const env = { ...process.env, GATEHOUSE_DATA_DIR: dataDir }
    const bin = join(import.meta.dirname, '../../bin/gatehouse.js')
    expect(execFileSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8' })).toMatch(/intact/)
    const raw = new Database(join(dataDir, 'audit.sqlite'))
    raw.exec('DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 2')
    raw.close()
    const broken = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8' })
    expect(broken.status).toBe(1)
    expect(broken.stdout).toMatch(/BROKEN at entry 3/)
  })
})
