/**
 * Create N users (default 1,000) and attach one policy to each: Gatehouse's bulk path (through the
 * audited IAM service, as the app does it) against a loop of `mc admin user add` + `mc admin policy
 * attach`, and against the floor set by the server's serialised Argon2 (the server's own cost of one
 * add-user and one attach, measured with pre-encrypted bodies so no client work is in it, times N).
 * Also a concurrency sweep. Run: `npx tsx bench/bulk-users.bench.ts` (minutes).
 * BENCH_USERS=N, BENCH_MC_USERS=M (mc loop on M users, scaled to N when M < N), BENCH_CONCURRENCY=C,
 * BENCH_SWEEP_USERS=S (users per concurrency in the sweep, default 24).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { tempTrail } from '../src-main/testbed/audit/trail-fixtures.ts'
import { createUsers } from '../src-main/bulk/bulk-operations.ts'
import { argon2Backend } from '../src-main/minio/index.ts'
import { AdminTransport } from '../src-main/minio/transport.ts'
import { IamSession } from '../src-main/services/iam-session.ts'
import { startMinio, type MinioServer } from '../src-main/testbed/minio/minio-server.ts'
import { mcBinary } from '../src-main/testbed/minio/built-tools.ts'

const USERS = Number(process.env.BENCH_USERS ?? 1000)
const MC_USERS = Math.min(USERS, Number(process.env.BENCH_MC_USERS ?? USERS))
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const SAMPLES = 20
const SWEEP_USERS = Number(process.env.BENCH_SWEEP_USERS ?? 24)
const POLICY = 'bench-read'
const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bench/*'] }] }

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const load = () => loadavg().map((value) => value.toFixed(1)).join(' ')
const log = (line: string) => console.log(line)

/** The server's own time for one add-user and one attach: bodies encrypted once up front, replies not decrypted. */
async function serverFloorPerUser(server: MinioServer): Promise<{ addUserMs: number; attachMs: number }> {
  const transport = new AdminTransport({ endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey })
  const names = Array.from({ length: SAMPLES }, (_, index) => `floor-${index}`)
  const userBody = await transport.encrypt(Buffer.from(JSON.stringify({ secretKey: 'floor-secret-123', status: 'enabled' })))
  const attachBodies = await Promise.all(names.map((user) => transport.encrypt(Buffer.from(JSON.stringify({ policies: [POLICY], user })))))
  let start = performance.now()
  for (const accessKey of names) await transport.send({ method: 'PUT', path: '/add-user', query: { accessKey }, body: userBody, operation: 'floor add-user' })
  const addUserMs = (performance.now() - start) / SAMPLES
  start = performance.now()
  for (const body of attachBodies) {
    await transport.send({ method: 'POST', path: '/idp/builtin/policy/attach', contentType: 'application/octet-stream', body, operation: 'floor attach' })
  }
  const attachMs = (performance.now() - start) / SAMPLES
  transport.close()
  return { addUserMs, attachMs }
}

async function gatehouseBulk(iam: IamSession, prefix: string, count: number, concurrency: number): Promise<{ ms: number; failed: number }> {
  const users = Array.from({ length: count }, (_, index) => ({ accessKey: `${prefix}-${index}`, policies: [POLICY] }))
  const start = performance.now()
  let lastShown = 0
  const report = await createUsers(iam, users, {
    concurrency,
    onItem: ({ progress }) => {
      if (count >= 200 && progress.done - lastShown >= count / 10) {
        lastShown = progress.done
        log(`    … ${progress.done}/${count} after ${seconds(performance.now() - start)} (load ${load()})`)
      }
    },
  })
  return { ms: performance.now() - start, failed: report.progress.failed }
}

function mcLoop(server: MinioServer, count: number): { ms: number; failed: number } {
  const env = { ...process.env, MC_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-mc-')), MC_HOST_bench: `http://${server.rootAccessKey}:${encodeURIComponent(server.rootSecretKey)}@${server.endpoint.replace('http://', '')}` }
  const mc = (args: string[]) => spawnSync(mcBinary(), ['--no-color', '--quiet', ...args], { env, encoding: 'utf8' }).status === 0
  let failed = 0
  const start = performance.now()
  for (let index = 0; index < count; index++) {
    const user = `mc-${index}`
    if (!mc(['admin', 'user', 'add', 'bench', user, 'mc-secret-12345']) || !mc(['admin', 'policy', 'attach', 'bench', POLICY, '--user', user])) failed++
    if (count >= 100 && (index + 1) % Math.round(count / 5) === 0) log(`    … ${index + 1}/${count} after ${seconds(performance.now() - start)} (load ${load()})`)
  }
  return { ms: performance.now() - start, failed }
}

const server = await startMinio()
const made = tempTrail()
const iam = new IamSession({ connection: { id: 'bench', name: 'bench', endpoint: server.endpoint }, credentials: { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey }, trail: made.trail })
try {
  log(`Node ${process.version}, client Argon2 backend: ${argon2Backend()}, load average at start: ${load()}`)
  await iam.createPolicy(POLICY, DOCUMENT)
  const floor = await serverFloorPerUser(server)
  const floorPerUser = floor.addUserMs + floor.attachMs
  log(`Server cost per encrypted call (sequential, ${SAMPLES} samples, no client crypto): add-user ${floor.addUserMs.toFixed(0)} ms (1 Argon2), attach ${floor.attachMs.toFixed(0)} ms (2 Argon2)`)
  log(`Floor for ${USERS} users: ${USERS} × ${floorPerUser.toFixed(0)} ms = ${seconds(USERS * floorPerUser)}`)
  log(`Concurrency sweep (${SWEEP_USERS} users each, create + attach through the IAM service):`)
  for (const concurrency of [1, 2, 4, 8]) {
    const run = await gatehouseBulk(iam, `sweep${concurrency}`, SWEEP_USERS, concurrency)
    log(`  concurrency ${concurrency}: ${(run.ms / SWEEP_USERS).toFixed(0)} ms per user${run.failed ? ` (${run.failed} failed)` : ''}`)
  }
  log(`Gatehouse bulk path, ${USERS} users, concurrency ${CONCURRENCY}:`)
  const bulk = await gatehouseBulk(iam, 'gh', USERS, CONCURRENCY)
  log(`  ${seconds(bulk.ms)} (${(bulk.ms / USERS).toFixed(0)} ms per user, ${bulk.failed} failed)`)
  log(`mc loop (mc admin user add + mc admin policy attach), ${MC_USERS} users:`)
  const mc = mcLoop(server, MC_USERS)
  const mcForAll = (mc.ms / MC_USERS) * USERS
  log(`  ${seconds(mc.ms)} (${(mc.ms / MC_USERS).toFixed(0)} ms per user, ${mc.failed} failed)${MC_USERS < USERS ? `; scaled to ${USERS} users: ${seconds(mcForAll)}` : ''}`)
  log(`Result: Gatehouse is ${(mcForAll / bulk.ms).toFixed(2)}× faster than the mc loop (target ≥ 5×); ${(bulk.ms / (USERS * floorPerUser)).toFixed(2)}× the server Argon2 floor (target ≤ 1.3×). Load average at end: ${load()}`)
} finally {
  iam.close()
  made.cleanup()
  await server.stop()
}
