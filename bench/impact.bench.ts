// Impact preview benchmark (issue 15 item 3). Not a test: run by hand with
//   npx tsx bench/impact.bench.ts
// Target: the impact preview of a policy attached to 1,000 users < 1 s (what access.impact computes
// after reading the server: applyChange, the reach, the focus, both states asked, the first
// IMPACT_LIST_LIMIT of each list explained). Reference in the same run: one full who-can over the
// same world (every principal, one request, a new analyzer).
import { AccessAnalyzer } from '../src-main/access/access-analyzer.ts'
import { parseResource, requestFor } from '../src-main/access/access-request.ts'
import type { DeploymentModel } from '../src-main/access/deployment.ts'
import { impactOf, type ProposedChange } from '../src-main/access/impact.ts'
import type { PolicyDocument } from '../src-main/policy/index.ts'
import { IMPACT_LIST_LIMIT } from '../src-main/services/impact-preview.ts'
import { worldSharingPolicy } from './access-world.ts'
import { machineLine, timed } from './cold-timing.ts'

console.log(machineLine())

// 1,000 users × 5 policies (400 distinct sets of 200), 20 groups, access keys; policy-7 is attached to every user.
const world = worldSharingPolicy('policy-7')
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
