import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../testbed/temp-dirs.ts'

// Each entry point, run as its own process under `umask 000` (the loosest a user can have) on a data
// directory that does not exist yet, must leave the directory 0700 and every file in it 0600.

const ROOT = resolve(import.meta.dirname, '..', '..')
const tempDir = useTempDirs()

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `args` with node under umask 000; `until` (a stdout pattern) ends a long-running process. */
function runUnderOpenUmask(args: string[], env: Record<string, string>, until?: RegExp): Promise<Run> {
  const quoted = [process.execPath, ...args].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  const child = spawn('sh', ['-c', `umask 000 && exec ${quoted}`], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (until?.test(stdout)) child.kill('SIGTERM')
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })))
}

function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = { '.': (statSync(dir).mode & 0o777).toString(8) }
  for (const name of readdirSync(dir)) found[name] = (statSync(join(dir, name)).mode & 0o777).toString(8)
  return found
}

function expectPrivate(dir: string, mustHold: string[]): void {
  const found = modes(dir)
  for (const name of mustHold) expect(Object.keys(found)).toContain(name)
  expect(found['.']).toBe('700')
  for (const [name, mode] of Object.entries(found)) if (name !== '.') expect({ name, mode }).toEqual({ name, mode: '600' })
}

// SQLite removes -wal and -shm when the last connection closes cleanly; browser mode, stopped by a
// signal, leaves them, so its test checks all three.
const AUDIT_FILES = ['audit.sqlite']
const AUDIT_FILES_OPEN = ['audit.sqlite', 'audit.sqlite-wal', 'audit.sqlite-shm']

describe('the data directory is private whichever entry point creates it', () => {
  it('the CLI (gatehouse connection list)', async () => {
    const dataDir = join(tempDir('gh-modes-cli-'), 'nested', 'data')
    const run = await runUnderOpenUmask(['bin/gatehouse.js', 'connection', 'list'], { GATEHOUSE_DATA_DIR: dataDir })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expectPrivate(dataDir, AUDIT_FILES)
  })

  it('the app (its services, as src-main/index.ts builds them)', async () => {
    const dataDir = join(tempDir('gh-modes-app-'), 'nested')
    const script = "const m = await import('./src-main/services/open-app-services.ts'); (await m.openAppServices({ dataDir: process.env.D })).close()"
    const run = await runUnderOpenUmask(['--import', 'tsx', '--input-type=module', '-e', script], { D: dataDir })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expectPrivate(dataDir, AUDIT_FILES)
  })

  it('browser mode', async () => {
    const dataDir = join(tempDir('gh-modes-browser-'), 'nested')
    const run = await runUnderOpenUmask(['--import', 'tsx', 'src-main/browser/main.ts'], { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_PORT: '0' }, /Open: /)
    expect(run.stdout).toContain('Open: http://127.0.0.1:')
    expectPrivate(dataDir, AUDIT_FILES_OPEN)
  })

  it('the audit benchmark', async () => {
    const dataDir = join(tempDir('gh-modes-bench-'), 'nested')
    const run = await runUnderOpenUmask(['--import', 'tsx', 'bench/audit.bench.ts'], { AUDIT_BENCH_DB: join(dataDir, 'audit.sqlite'), AUDIT_BENCH_EVENTS: '30' })
    expect(run.code).toBe(0)
    expectPrivate(dataDir, ['audit.sqlite'])
  })

  it('tightens an existing directory and its files at start, and says so', async () => {
    const dataDir = join(tempDir('gh-modes-loose-'), 'data')
    mkdirSync(dataDir)
    chmodSync(dataDir, 0o755)
    writeFileSync(join(dataDir, 'settings.json'), '{}')
    writeFileSync(join(dataDir, 'connections.json'), '{"version":1,"connections":[]}')
    for (const name of ['settings.json', 'connections.json']) chmodSync(join(dataDir, name), 0o644)
    const run = await runUnderOpenUmask(['bin/gatehouse.js', 'connection', 'list'], { GATEHOUSE_DATA_DIR: dataDir })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(`${dataDir} was readable by other users (mode 0755); Gatehouse made it 0700.`)
    expect(run.stderr).toContain(`${join(dataDir, 'settings.json')} was readable by other users (mode 0644); Gatehouse made it 0600.`)
    expectPrivate(dataDir, ['settings.json', 'connections.json', ...AUDIT_FILES])
  })
})
