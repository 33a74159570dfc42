/**
 * Browser mode under an outside attack's load, server in its own process (as `npm start` runs it):
 *   1. app.info latency idle (the reference) and while tester.evaluate runs a costly workspace;
 *   2. the server's resident memory under 20 parallel 31 MiB request bodies.
 * Run: `npx tsx bench/browser-mode.bench.ts` (BENCH_ROOT=<checkout> measures another checkout's server).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(process.env.BENCH_ROOT ?? join(import.meta.dirname, '..'))
const SERVER = `
const { createHandlers } = await import(${JSON.stringify(join(ROOT, 'src-main/api/handlers.ts'))})
const { startBrowserMode } = await import(${JSON.stringify(join(ROOT, 'src-main/browser/server.ts'))})
const { createAppServices } = await import(${JSON.stringify(join(ROOT, 'src-main/services/app-services.ts'))})
const credentials = { backend: 'bench', storedIds: async () => ({ secrets: new Set(), tokens: new Set() }) }
const services = createAppServices({ dataDir: process.env.D, credentials })
const server = await startBrowserMode({ handlers: createHandlers(services, { transport: 'browser', version: 'bench' }), staticDir: process.env.D, log: { warn: () => {}, error: () => {} } })
console.log(JSON.stringify({ url: server.url, token: server.token }))
`

/** `patterns` StringLike patterns against `values` values of 4,096 characters; `?` keeps a pattern off the literal search. */
function workspace(patterns: number, values: number, pattern: (index: number) => string) {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'], Condition: { StringLike: { 'aws:UserAgent': Array.from({ length: patterns }, (_, index) => pattern(index)) } } }] }
  return {
    documents: [{ id: 'd1', name: 'costly', text: JSON.stringify(policy) }],
    principal: { userName: 'u', userPolicies: ['d1'], groups: [] },
    request: { action: 's3:GetObject', bucket: 'b', object: 'o', conditions: { 'aws:UserAgent': Array.from({ length: values }, () => 'a'.repeat(4096)) } },
  }
}

// The issue's workload (450 KB, over MinIO's limits), and the costliest shape within them (4 patterns of
// 4,000 characters with a `?`, 10 values: a 16 KiB policy, 40 KiB of values).
const WORKLOADS = [
  ['10 × *a{4000}b against 100 values', () => workspace(10, 100, (index) => `*${'a'.repeat(4000)}b${index}`)],
  ['10 × *a{4000}?b against 100 values', () => workspace(10, 100, (index) => `*${'a'.repeat(4000)}?b${index}`)],
  ['4 × *a{4000}?b against 10 values (within the caps)', () => workspace(4, 10, (index) => `*${'a'.repeat(4000)}?b${index}`)],
] as const

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-browser-'))
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER], { cwd: ROOT, env: { ...process.env, D: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const { url, token } = await new Promise<{ url: string; token: string }>((done) => child.stdout.once('data', (chunk: Buffer) => done(JSON.parse(chunk.toString()))))
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    // A fresh connection per call (agent: false): a server that stalls past its keep-alive timeout resets a reused one.
    const call = (channel: string, body: unknown) =>
      new Promise<{ ok: boolean; error?: { message: string } }>((done, fail) => {
        const text = JSON.stringify(body)
        const outgoing = request(`${url}/api/invoke/${channel}`, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(text) } }, (reply) => {
          let answer = ''
          reply.on('data', (chunk: Buffer) => (answer += chunk.toString()))
          reply.on('end', () => done(JSON.parse(answer) as { ok: boolean; error?: { message: string } }))
        })
        outgoing.on('error', fail)
        outgoing.end(text)
      })
    const timed = async () => {
      const started = performance.now()
      await call('app.info', {})
      return performance.now() - started
    }
    console.log(`Server: ${ROOT}`)
    await timed()
    const idle: number[] = []
    for (let index = 0; index < 20; index++) idle.push(await timed())
    console.log(`app.info idle (reference): median ${median(idle).toFixed(1)} ms, max ${Math.max(...idle).toFixed(1)} ms`)
    for (const [label, input] of WORKLOADS) {
      const started = performance.now()
      let evaluationMs = 0
      const evaluation = call('tester.evaluate', input()).then((answer) => {
        evaluationMs = performance.now() - started
        return answer
      })
      await new Promise((done) => setTimeout(done, 50))
      const busy: number[] = []
      while (evaluationMs === 0 && busy.length < 50) busy.push(await timed())
      const answer = await evaluation
      const meanwhile = busy.length === 0 ? 'none sent (it answered within 50 ms)' : `${busy.length} calls, median ${median(busy).toFixed(1)} ms, max ${Math.max(...busy).toFixed(1)} ms`
      console.log(`tester.evaluate (${label} of 4,096 characters): ${evaluationMs.toFixed(0)} ms, ${answer.ok ? 'answered' : `refused: ${answer.error?.message.slice(0, 110)}`}; app.info meanwhile: ${meanwhile}`)
    }
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024
    const before = rss()
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20)
    const body = Buffer.alloc(31 * 1024 * 1024, 0x20)
    const statuses = await Promise.all(Array.from({ length: 20 }, () => upload(url, token, body)))
    clearInterval(sampler)
    const counts = Object.entries(statuses.reduce<Record<string, number>>((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {}))
    console.log(`20 parallel 31 MiB bodies: server RSS ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB peak; answers ${counts.map(([status, count]) => `${count} × ${status}`).join(', ')}`)
  } finally {
    child.kill()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function upload(url: string, token: string, body: Buffer): Promise<string> {
  return new Promise((done) => {
    const outgoing = request(`${url}/api/invoke/app.info`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length } }, (reply) => {
      reply.resume()
      reply.on('end', () => done(String(reply.statusCode)))
    })
    outgoing.on('error', (error) => done(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`))
    outgoing.end(body)
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

await main()
