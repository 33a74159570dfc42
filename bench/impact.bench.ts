// Impact preview benchmark (issue 15 item 3). Not a test: run by hand with
//   npx tsx bench/impact.bench.ts
// Target: the impact preview of a policy attached to 1,000 users < 1 s (what access.impact computes
// after reading the server: applyChange, the reach, the focus, both states asked, the first
// IMPACT_LIST_LIMIT of each list explained). Reference in the same run: one full who-can over the
// same world (every principal, one request, a new analyzer).
import { loadavg } from 'node:os'
import { AccessAnalyzer } from '../src-main/access/access-analyzer.ts'
import { parseResource, requestFor } from '../src-main/access/access-request.ts'
import type { DeploymentModel } from '../src-main/access/deployment.ts'
import { impactOf, type ProposedChange } from '../src-main/access/impact.ts'
import type { PolicyDocument } from '../src-main/policy/index.ts'
import { IMPACT_LIST_LIMIT } from '../src-main/services/impact-preview.ts'
import { syntheticWorld } from './access-world.ts'

const RUNS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function time<T>(body: () => T): { ms: number; cpuMs: number; value: T } {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const value = body()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value }
}

function timed<T>(label: string, target: number | undefined, body: () => T, describe: (value: T) => string): number {
  body() // warm-up (JIT), not counted
  const runs = Array.from({ length: RUNS }, () => time(body))
  const ms = median(runs.map((run) => run.ms))
  const cpuMs = median(runs.map((run) => run.cpuMs))
  const verdict = target === undefined ? '' : ` (target < ${target} ms: ${ms < target ? 'met' : 'MISSED'})`
  console.log(`${label}: median ${ms.toFixed(1)} ms wall (${cpuMs.toFixed(1)} ms CPU) of ${RUNS} cold runs${verdict}; ${describe(runs[0]!.value)}`)
  return ms
}

console.log(`node ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`)

// 1,000 users × 5 policies (400 distinct sets of 200), 20 groups, access keys; policy-7 is attached to every user.
const world = syntheticWorld({ users: 1_000, policies: 200, roles: 400 })
for (const user of world.users.values()) (user as { policies: readonly string[] }).policies = [...user.policies.filter((name) => name !== 'policy-7'), 'policy-7']
console.log(`world: ${world.users.size} users, ${world.groups.size} groups, ${world.accessKeys.size} access keys, ${world.policies.size} policies; policy-7 attached to all ${world.users.size} users`)

const reference = timed('reference: one full who-can s3:GetObject (every principal, new analyzer)', undefined, () => new AccessAnalyzer(world).whoCan(requestFor('s3:GetObject', parseResource('bucket-7/team-7/report.csv'))), (entries) => `${entries.length} allowed`)

const widened: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::bucket-7/*'] }] } as PolicyDocument
const cases: Array<{ label: string; model: DeploymentModel; change: ProposedChange }> = [
  { label: 'impact of editing policy-7 (attached to 1,000 users)', model: world, change: { kind: 'putPolicy', name: 'policy-7', document: widened } },
  { label: 'impact of detaching policy-7 from 1,000 users (bulk)', model: world, change: { kind: 'detach', targets: [...world.users.keys()].map((user) => ({ user })), policies: ['policy-7'] } },
  { label: 'impact of attaching policy-12 to 1,000 users (bulk)', model: world, change: { kind: 'attach', targets: [...world.users.keys()].map((user) => ({ user })), policies: ['policy-12'] } },
]
for (const { label, model, change } of cases) {
  const ms = timed(label, 1000, () => impactOf(model, change, { explain: IMPACT_LIST_LIMIT }), (impact) => `${impact.asked.principals} principals × ${impact.asked.actions} actions × ${impact.asked.resources} resources asked; ${impact.gained.length} gains, ${impact.lost.length} losses`)
  console.log(`  = ${(ms / reference).toFixed(1)} × the full who-can`)
}
