// Who-can and the matrix on a live MinIO (issue: the Access screen at 10,000 users). Not a test:
// run by hand with `npx tsx bench/access-live.bench.ts` (BENCH_USERS=N, default 2,000: seeding the
// full 10,000 takes minutes). Times the scoped reads the Access screen makes (access/who-can-scope.ts,
// access/principal-scope.ts) beside the reference measured in the same run: the whole IAM read the
// screen made before (readDeployment: every user, group and access key), and checks both answer alike.
import { loadavg } from 'node:os'
import { AccessAnalyzer } from '../src-main/access/access-analyzer.ts'
import { buildMatrix } from '../src-main/access/access-matrix.ts'
import { parseResource, requestFor } from '../src-main/access/access-request.ts'
import { readDeployment } from '../src-main/access/deployment.ts'
import { readPrincipalScope } from '../src-main/access/principal-scope.ts'
import { readWhoCanScope } from '../src-main/access/who-can-scope.ts'
import { AdminClient } from '../src-main/minio/index.ts'
import { startMinio } from '../src-main/testbed/minio/minio-server.ts'
import { fillScaleDeployment, scaleBucket, scaleNames } from '../src-main/testbed/worlds/scale-deployment.ts'

const USERS = Number(process.env.BENCH_USERS ?? 2_000)
const size = { users: USERS, groups: USERS / 50, policies: USERS / 20, accessKeys: USERS / 5 }
const RUNS = 3
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ')
const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] as number

async function timed<T>(body: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await body()
  return { ms: performance.now() - started, value }
}

const server = await startMinio()
const admin = new AdminClient({ endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey, timeoutMs: 300_000 })
try {
  console.log(`node ${process.version}, load average ${load()}`)
  const filled = await fillScaleDeployment(server, size)
  console.log(`deployment: ${JSON.stringify(size)} seeded in ${filled.seconds.total} s`)
  const source = { endpoint: server.endpoint, connection: 'bench' }
  const request = requestFor('s3:GetObject', parseResource(`${scaleBucket(3)}/report.csv`))
  const scoped: number[] = []
  let scopedAnswer: unknown
  for (let run = 0; run < RUNS; run++) {
    const { ms, value } = await timed(() => readWhoCanScope(admin, request, source))
    scoped.push(ms)
    scopedAnswer = new AccessAnalyzer(value).whoCan(request)
  }
  const first: number[] = []
  for (let run = 0; run < RUNS; run++) first.push((await timed(() => readWhoCanScope(admin, request, source, undefined, { accessKeys: false }))).ms)
  const full = await timed(() => readDeployment(admin, source))
  const fullAnswer = new AccessAnalyzer(full.value).whoCan(request)
  console.log(`who-can s3:GetObject on ${scaleBucket(3)}/report.csv: scoped read median ${median(scoped).toFixed(0)} ms of ${RUNS} (${(scopedAnswer as unknown[]).length} allowed); its first step (users and groups, no access keys) median ${median(first).toFixed(0)} ms`)
  console.log(`  reference, the whole read (${full.value.users.size} users, ${full.value.accessKeys.size} access keys): ${full.ms.toFixed(0)} ms; answers equal: ${JSON.stringify(scopedAnswer) === JSON.stringify(fullAnswer)}`)
  const ref = { kind: 'user' as const, name: scaleNames.user(3) }
  const matrix: number[] = []
  let matrixAnswer: unknown
  for (let run = 0; run < RUNS; run++) {
    const { ms, value } = await timed(() => readPrincipalScope(admin, ref, source, []))
    matrix.push(ms)
    matrixAnswer = buildMatrix(new AccessAnalyzer(value), ref)
  }
  console.log(`matrix of ${ref.name}: scoped read median ${median(matrix).toFixed(0)} ms of ${RUNS}; reference, the whole read above: ${full.ms.toFixed(0)} ms; answers equal: ${JSON.stringify(matrixAnswer) === JSON.stringify(buildMatrix(new AccessAnalyzer(full.value), ref))}`)
  console.log(`load average at the end ${load()}`)
} finally {
  admin.close()
  await server.stop()
}
