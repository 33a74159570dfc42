// Access insight benchmarks (issue 15, Performance). Not a test: run by hand with
//   npx tsx bench/access.bench.ts
// Targets: who-can over 10,000 users with 5 policies each < 200 ms; a 60 × 50 matrix < 50 ms;
// the impact preview of a policy attached to 1,000 users < 1 s. Each is timed cold (a new
// analyzer: every policy decoded and compiled inside the timing) and beside a reference measured
// in the same run: the same questions through evaluatePrincipal one principal at a time with no
// cache (what a naive who-can does).
import { AccessAnalyzer } from '../src-main/access/access-analyzer.ts'
import { DEFAULT_ACTIONS } from '../src-main/access/access-catalogue.ts'
import { diffAccess, focusOf, principalsUsing } from '../src-main/access/access-diff.ts'
import { buildMatrix } from '../src-main/access/access-matrix.ts'
import { parseResource, requestFor } from '../src-main/access/access-request.ts'
import type { DeploymentModel } from '../src-main/access/deployment.ts'
import { allPrincipals, assemblePrincipal } from '../src-main/access/principals.ts'
import { conditionValuesFor } from '../src-main/access/request-context.ts'
import { evaluatePrincipal } from '../src-main/policy/index.ts'
import { syntheticWorld, worldSharingPolicy } from './access-world.ts'
import { machineLine, time, timed } from './cold-timing.ts'

function naiveWhoCan(model: DeploymentModel, action: string, resource: string): number {
  const request = requestFor(action, parseResource(resource))
  let allowed = 0
  for (const ref of allPrincipals(model)) {
    const principal = assemblePrincipal(model, ref, new Date())
    if (principal.blocked) continue
    const values = conditionValuesFor(principal.identity, request.implied)
    if (evaluatePrincipal(principal.input, { action, bucket: request.bucket, object: request.object, conditionValues: values }, { explain: true }).allowed) allowed++
  }
  return allowed
}

console.log(machineLine())

const big = syntheticWorld({ users: 10_000, policies: 200, roles: 400 })
console.log(`world: ${big.users.size} users × 5 policies (400 distinct sets of ${big.policies.size} policies), ${big.groups.size} groups, ${big.accessKeys.size} access keys`)
const who = requestFor('s3:GetObject', parseResource('bucket-3/team-3/report.csv'))
timed('who-can s3:GetObject over 10,000 users', 200, () => new AccessAnalyzer(big).whoCan(who), (entries) => `${entries.length} allowed, ${entries.filter((entry) => entry.isConditional).length} conditional`)
const naive = time(() => naiveWhoCan(big, 's3:GetObject', 'bucket-3/team-3/report.csv'))
console.log(`  reference, no cache (evaluatePrincipal per principal, explain): ${naive.ms.toFixed(1)} ms wall (${naive.cpuMs.toFixed(1)} ms CPU), ${naive.value} allowed`)

const actions = DEFAULT_ACTIONS.slice(0, 41).concat(['s3:GetObjectTagging', 's3:PutObjectTagging', 's3:GetBucketCors', 's3:PutBucketCors', 's3:GetBucketNotification', 's3:PutBucketNotification', 's3:GetReplicationConfiguration', 's3:PutReplicationConfiguration', 's3:RestoreObject', 's3:GetObjectVersionTagging', 's3:PutObjectVersionTagging', 's3:DeleteObjectVersionTagging', 's3:ListMultipartUploadParts', 's3:GetBucketPolicyStatus', 's3:HeadBucket', 's3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', 's3:GetObjectVersionAttributes'])
const resources = Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? `bucket-${index}` : `bucket-${index}/team-${index}/file.txt`))
const distinctActions = [...new Set(actions)]
timed(`matrix ${distinctActions.length} × ${resources.length} of user-7`, 50, () => buildMatrix(new AccessAnalyzer(big), { kind: 'user', name: 'user-7' }, { actions: distinctActions, resources }), (matrix) => `${matrix.cells.length} cells, ${matrix.cells.filter((cell) => cell.effect === 'allow').length} allowed`)

// policy-7 is attached to every one of the 1,000 users, then its document changes (the preview before saving).
const shared = worldSharingPolicy('policy-7')
const edited: DeploymentModel = { ...shared, policies: new Map([...shared.policies, ['policy-7', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::bucket-7/*'] }] }]]) }
const affected = principalsUsing(shared, 'policy-7')
const focus = () => focusOf([shared.policies.get('policy-7')!, edited.policies.get('policy-7')!], shared.buckets)
timed(`impact preview of editing a policy attached to ${shared.users.size} users`, 1000, () => diffAccess(shared, edited, { principals: affected, focus: focus(), explain: false }), (diff) => `${affected.length} principals × ${diff.asked.actions} actions × ${diff.asked.resources} resources asked; ${diff.gained.length} gains, ${diff.lost.length} losses`)
