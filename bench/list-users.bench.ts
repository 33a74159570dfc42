/**
 * list-users with 10,000 users: time from the call to the decoded, sorted result (one request;
 * the reply is encrypted, so one Argon2 derivation on each side plus ~1 MB of JSON), with
 * `mc admin user list` as a reference. Run: `npx tsx bench/list-users.bench.ts`. BENCH_USERS=N.
 *
 * Setup only: the users are made with raw add-user calls whose bodies are encrypted once with
 * madmin's id 2 (PBKDF2, which MinIO decrypts whatever its build, §2.3), so making 10,000 users
 * takes seconds instead of 10,000 serialised Argon2 derivations. Not audited: a throwaway server.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBulk } from '../src-main/bulk/bulk-runner.ts'
import { AdminClient } from '../src-main/minio/index.ts'
import { encryptPayload } from '../src-main/minio/crypto/payload.ts'
import { AdminTransport } from '../src-main/minio/transport.ts'
import { startMinio } from '../src-main/testbed/minio/minio-server.ts'
import { mcBinary } from '../src-main/testbed/minio/built-tools.ts'

const USERS = Number(process.env.BENCH_USERS ?? 10_000)
const RUNS = 3
const load = () => loadavg().map((value) => value.toFixed(1)).join(' ')

const server = await startMinio()
const connection = { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey, timeoutMs: 120_000 }
const transport = new AdminTransport(connection)
const client = new AdminClient(connection)
try {
  console.log(`Node ${process.version}, load average at start: ${load()}`)
  // Live is not ready: IAM answers 503 XMinioServerNotInitialized for a moment after start.
  for (let attempt = 0; attempt < 60 && !(await client.listGroups().then(() => true, () => false)); attempt++) await new Promise((resolve) => setTimeout(resolve, 500))
  const body = await encryptPayload(server.rootSecretKey, Buffer.from(JSON.stringify({ secretKey: 'bench-secret-123', status: 'enabled' })), 2)
  let start = performance.now()
  const names = Array.from({ length: USERS }, (_, index) => `user-${String(index).padStart(5, '0')}`)
  const setup = await runBulk(names, { label: String, run: (accessKey) => transport.send({ method: 'PUT', path: '/add-user', query: { accessKey }, body, operation: 'bench setup' }) }, { concurrency: 8 })
  const firstProblem = setup.results.find((result) => result.status !== 'ok')?.error
  console.log(`Setup: ${setup.progress.ok} users made in ${((performance.now() - start) / 1000).toFixed(1)} s (${setup.progress.failed} failed${firstProblem ? `; first: ${firstProblem.code}: ${firstProblem.message}` : ''})`)
  for (let run = 1; run <= RUNS; run++) {
    start = performance.now()
    const users = await client.listUsers()
    console.log(`listUsers run ${run}: ${users.length} users decoded in ${(performance.now() - start).toFixed(0)} ms (load ${load()})`)
  }
  const env = { ...process.env, MC_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-mc-')), MC_HOST_bench: `http://${server.rootAccessKey}:${encodeURIComponent(server.rootSecretKey)}@${server.endpoint.replace('http://', '')}` }
  start = performance.now()
  const listed = spawnSync(mcBinary(), ['--no-color', '--json', 'admin', 'user', 'list', 'bench'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  console.log(`mc admin user list --json (reference, includes process start): ${listed.stdout.trim().split('\n').length} lines in ${(performance.now() - start).toFixed(0)} ms`)
} finally {
  client.close()
  transport.close()
  await server.stop()
}
