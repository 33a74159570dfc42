#!/usr/bin/env node
// `npm start`: builds the app, then opens the Electron window where Electron's binary can be had,
// or serves browser mode (the same UI and contract on 127.0.0.1 with a per-run token) where it
// cannot. `npm start -- --browser` (or GATEHOUSE_BROWSER_MODE=1) always picks browser mode.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const wantsBrowser = process.argv.includes('--browser') || process.env.GATEHOUSE_BROWSER_MODE === '1'

// The build's own output (about ten lines of timings) goes to a log file, so the URL is what one sees.
mkdirSync('out', { recursive: true })
const buildLog = openSync('out/build.log', 'w')
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', buildLog, buildLog] })
closeSync(buildLog)
if (build.status !== 0) {
  process.stderr.write(`${readFileSync('out/build.log', 'utf8')}\nnpm start: the build failed (log: out/build.log).\n`)
  process.exit(build.status ?? 1)
}

/** Electron 42+ fetches its binary on first require; where that host is unreachable this fails fast. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return probe.status === 0 && probe.stdout ? probe.stdout : null
}

const binary = wantsBrowser ? null : (require.resolve('electron', { paths: [process.cwd()] }) && electronBinary())
const child = binary
  ? spawn(binary, ['.'], { stdio: 'inherit' })
  : spawn(process.execPath, ['--import', 'tsx', 'src-main/browser/main.ts'], { stdio: 'inherit' })
if (!binary && !wantsBrowser) console.log('Electron binary not available here; starting browser mode instead.')
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
