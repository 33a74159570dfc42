/**
 * Checklist items about identities and policies: access-key expiry, principals with full access,
 * and policies that reach many buckets. Full access and reach are asked of the evaluator (the
 * access analyzer), never read off resource strings.
 */
import { AccessAnalyzer } from '../access/access-analyzer.ts'
import { requestFor } from '../access/access-request.ts'
import type { DeploymentModel } from '../access/deployment.ts'
import { policyTemplate } from '../access/policy-templates.ts'
import { allPrincipals, type PrincipalRef } from '../access/principals.ts'
import { catalogue, type PolicyDocument } from '../policy/index.ts'
import { item } from './bucket-checks.ts'
import type { CheckItem, ChecklistInput } from './checklist.types.ts'

const DAY_MS = 86_400_000
// A bucket and object no policy names: allowed there means allowed on every bucket.
const PROBE = { bucket: 'gatehouse-probe-unnamed-bucket', object: 'gatehouse-probe/object' }
const ADMIN = catalogue.ADMIN_ACTIONS.filter((action) => action !== 'admin:*')
const S3 = catalogue.S3_ACTIONS.map((info) => info.action).filter((action) => action !== 's3:*')
const REACH_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket']

function keyFindings(input: ChecklistInput): string[] {
  const limit = input.now.getTime() + input.rotationDays * DAY_MS
  return [...input.model.accessKeys.values()].flatMap((key) => {
    if (!key.enabled) return []
    if (key.expiresAt === undefined) return [`${key.accessKey} (of ${key.parent}) never expires`]
    const expires = Date.parse(key.expiresAt)
    if (expires <= input.now.getTime()) return []
    return expires > limit ? [`${key.accessKey} (of ${key.parent}) lives until ${key.expiresAt}, beyond the ${input.rotationDays}-day rotation period`] : []
  })
}

const label = (ref: PrincipalRef) => `${ref.kind === 'accessKey' ? 'access key' : ref.kind} ${ref.name}`

function fullAccessFindings(analyzer: AccessAnalyzer, model: DeploymentModel): string[] {
  const all = (ref: PrincipalRef, actions: readonly string[]) => actions.every((action) => {
    const cell = analyzer.cell(ref, requestFor(action, PROBE))
    return cell.effect === 'allow' && !cell.isConditional
  })
  return allPrincipals(model).flatMap((ref) => {
    if (ref.kind === 'accessKey') return []
    const held = ref.kind === 'user' ? model.users.get(ref.name)?.policies : model.groups.get(ref.name)?.policies
    const what = [
      ...(held?.includes('consoleAdmin') ? ['consoleAdmin attached'] : []),
      ...(all(ref, ADMIN) ? ['every admin action (admin:*)'] : []),
      ...(all(ref, S3) ? ['every S3 action on every bucket (s3:* on *)'] : []),
    ]
    return what.length > 0 ? [`${label(ref)}: ${what.join(', ')}`] : []
  })
}

/** Buckets (of the deployment, or any bucket) a policy on its own grants object or listing access to. */
function reachOf(document: PolicyDocument, buckets: readonly string[], now: Date): { buckets: string[]; everywhere: boolean } {
  const alone: DeploymentModel = { source: 'policy', users: new Map([['probe', { name: 'probe', enabled: true, policies: ['p'], groups: [] }]]), groups: new Map(), policies: new Map([['p', document]]), accessKeys: new Map(), buckets: [] }
  const analyzer = new AccessAnalyzer(alone, now)
  const grants = (bucket: string) => REACH_ACTIONS.some((action) => analyzer.cell({ kind: 'user', name: 'probe' }, requestFor(action, { bucket, object: PROBE.object })).isPossible)
  return { buckets: buckets.filter(grants), everywhere: grants(PROBE.bucket) }
}

function broadPolicyFindings(input: ChecklistInput): string[] {
  const { model } = input
  const attached = new Set([...model.users.values(), ...model.groups.values()].flatMap((holder) => holder.policies))
  const names = input.buckets.map((bucket) => bucket.name)
  return [...attached].sort().flatMap((name) => {
    const document = model.policies.get(name)
    if (!document || name === 'consoleAdmin') return [] // reported as full access
    const reach = reachOf(document, names, input.now)
    if (reach.everywhere) return [`${name}: grants object access on every bucket, including ones not yet created`]
    return reach.buckets.length > 1 ? [`${name}: grants object access on ${reach.buckets.length} buckets (${reach.buckets.join(', ')})`] : []
  })
}

export function identityChecks(input: ChecklistInput): CheckItem[] {
  const analyzer = new AccessAnalyzer(input.model, input.now)
  return [
    item({
      id: 'access-key-expiry',
      title: `Access keys expire within ${input.rotationDays} days`,
      findings: keyFindings(input),
      why: 'A key that never expires stays valid long after the script or person that used it is gone; rotation limits what a leaked key is worth.',
      fix: `Give every access key an expiry within ${input.rotationDays} days and rotate it: create a new key, switch the client, delete the old one.`,
      screen: 'access-keys',
    }),
    item({
      id: 'full-access',
      title: 'No user or group with full access',
      findings: fullAccessFindings(analyzer, input.model),
      why: 'consoleAdmin, admin:* or s3:* on every bucket turns any leaked credential of that user or group into a full compromise.',
      fix: 'Detach the broad policy and attach one that names the buckets and admin actions the user really needs.',
      screen: 'users',
    }),
    item({
      id: 'broad-policies',
      title: 'Policies limited to one bucket and prefix',
      findings: broadPolicyFindings(input),
      why: 'A policy that reaches many buckets (or all) grants more than an application needs; scoping it to one bucket and prefix limits the damage of a leak.',
      fix: 'Replace it with the minimal policy (one bucket, an optional prefix) below, one per application.',
      screen: 'policies',
      template: policyTemplate('minimal', 'BUCKET'),
    }),
  ]
}
