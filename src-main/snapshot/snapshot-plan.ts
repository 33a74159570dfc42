import type { EntityStatus, PolicyTarget } from '../minio/index.ts'
import { samePolicy } from './canonical-policy.ts'
import { planAccessKeys } from './plan-access-keys.ts'
import { BUILT_IN_POLICIES, type Snapshot, type SnapshotGroup } from './snapshot.schema.ts'
import { step, type DraftStep } from './plan-step.ts'
import { PLAN_PHASES, type PlanOperation, type PlanPhase, type SnapshotPlan } from './snapshot-plan.types.ts'

type Phase = PlanPhase

export interface PlanOptions {
  /** The access key the apply runs as: never removed or disabled by a plan (it would cut itself off). */
  actor?: string
  /** False keeps what the server has and the snapshot does not (no deletes; listed in warnings). Default true. */
  removeExtras?: boolean
}

/**
 * The changes that turn the server state `current` into the snapshot `desired`, as ordered steps.
 * Pure: both sides are snapshots (export the server first). Works around MinIO's rules: policies
 * change only while a user or group is enabled (so a disabled one is enabled for the change and
 * disabled again at the end), groups are emptied before they are deleted, policies are deleted
 * last, built-in policies are never removed, and the acting credential is never removed or disabled.
 */
export function planSnapshot(desired: Snapshot, current: Snapshot, options: PlanOptions = {}): SnapshotPlan {
  const phases = new Map<Phase, DraftStep[]>(PLAN_PHASES.map((phase) => [phase, []]))
  const add = (phase: Phase, step: DraftStep) => phases.get(phase)?.push(step)
  const warnings: string[] = []
  planPolicies(desired, current, add)
  const keySteps = planAccessKeys(desired, current, warnings)
  const usersNeedingEnabled = new Set(keySteps.filter((step) => step.operation.type === 'createAccessKey').map((step) => step.needs[0]?.slice('user:'.length)))
  for (const keyStep of keySteps) add('accessKeys', keyStep)
  planUsers(desired, current, add, usersNeedingEnabled, options.actor, warnings)
  planGroups(desired, current, add)
  if (options.removeExtras === false) keepExtras(phases, warnings)
  const steps = PLAN_PHASES.flatMap((phase) => (phases.get(phase) ?? []).map((draft) => ({ ...draft, phase }))).map((draft, index) => ({ ...draft, id: index + 1 }))
  const counts = { create: 0, change: 0, remove: 0 }
  for (const step of steps) counts[step.kind]++
  return { steps, warnings, counts }
}

type Add = (phase: Phase, step: DraftStep) => void

const MAX_KEPT_NAMED = 10

// Every `remove` step deletes something the snapshot does not have; emptying a group only precedes its delete.
function keepExtras(phases: Map<Phase, DraftStep[]>, warnings: string[]): void {
  const kept: string[] = []
  for (const [phase, steps] of phases) {
    const dropped = steps.filter((draft) => draft.kind === 'remove' || phase === 'emptyGroups')
    kept.push(...dropped.filter((draft) => draft.kind === 'remove').map((draft) => `${draft.entity} '${draft.name}'`))
    phases.set(phase, steps.filter((draft) => !dropped.includes(draft)))
  }
  if (kept.length === 0) return
  const more = kept.length > MAX_KEPT_NAMED ? ` and ${kept.length - MAX_KEPT_NAMED} more` : ''
  warnings.push(`Removing extras is off: ${kept.length} item(s) the server has and the snapshot does not are kept (${kept.slice(0, MAX_KEPT_NAMED).join(', ')}${more}).`)
}

function planPolicies(desired: Snapshot, current: Snapshot, add: Add): void {
  const existing = new Map(current.policies.map((policy) => [policy.name, policy]))
  for (const policy of desired.policies) {
    const before = existing.get(policy.name)
    if (!before) add('policies', step('create', 'policy', policy.name, 'create', { type: 'createPolicy', name: policy.name, document: policy.document }, [], `policy:${policy.name}`))
    else if (!samePolicy(before.document, policy.document)) add('policies', step('change', 'policy', policy.name, 'update the document', { type: 'updatePolicy', name: policy.name, document: policy.document }))
  }
  const wanted = new Set(desired.policies.map((policy) => policy.name))
  for (const policy of current.policies) {
    if (!wanted.has(policy.name) && !BUILT_IN_POLICIES.includes(policy.name)) add('removePolicies', step('remove', 'policy', policy.name, 'delete', { type: 'deletePolicy', name: policy.name }))
  }
}

function planUsers(desired: Snapshot, current: Snapshot, add: Add, needEnabled: Set<string | undefined>, actor: string | undefined, warnings: string[]): void {
  const existing = new Map(current.users.map((user) => [user.accessKey, user]))
  for (const user of desired.users) {
    const before = existing.get(user.accessKey)
    const target = { user: user.accessKey }
    const attachments = attachmentSteps('user', user.accessKey, target, before?.policies ?? [], user.policies, before ? [] : [`user:${user.accessKey}`])
    const isEnabledNeeded = attachments.length > 0 || needEnabled.has(user.accessKey)
    for (const attachment of attachments) add('attachments', attachment)
    const statusDuring = isEnabledNeeded ? 'enabled' : user.status
    if (!before) add('create', step('create', 'user', user.accessKey, `create (${statusDuring}; a new secret is generated)`, { type: 'createUser', accessKey: user.accessKey, status: statusDuring }, [], `user:${user.accessKey}`))
    else if (before.status === 'disabled' && statusDuring === 'enabled') add('create', statusStep('user', user.accessKey, 'disabled', 'enabled', user.status === 'disabled'))
    const statusNow = before ? (before.status === 'disabled' && statusDuring === 'enabled' ? 'enabled' : before.status) : statusDuring
    if (statusNow === 'enabled' && user.status === 'disabled') {
      if (user.accessKey === actor) warnings.push(`User '${user.accessKey}' is disabled in the snapshot but is the credential this apply runs as; it stays enabled.`)
      else add('disable', statusStep('user', user.accessKey, 'enabled', 'disabled', false))
    }
  }
  const wanted = new Set(desired.users.map((user) => user.accessKey))
  for (const user of current.users) {
    if (wanted.has(user.accessKey)) continue
    if (user.accessKey === actor) warnings.push(`User '${user.accessKey}' is not in the snapshot but is the credential this apply runs as; it is kept.`)
    else add('removeEntities', step('remove', 'user', user.accessKey, 'delete (with its access keys and memberships)', { type: 'removeUser', accessKey: user.accessKey }))
  }
}

function planGroups(desired: Snapshot, current: Snapshot, add: Add): void {
  const existing = new Map(current.groups.map((group) => [group.name, group]))
  for (const group of desired.groups) {
    const before = existing.get(group.name)
    const made = before ? [] : [`group:${group.name}`]
    if (!before) add('create', step('create', 'group', group.name, 'create (enabled)', { type: 'createGroup', name: group.name }, [], `group:${group.name}`))
    planMembers(group, before, made, add)
    const attachments = attachmentSteps('group', group.name, { group: group.name }, before?.policies ?? [], group.policies, made)
    for (const attachment of attachments) add('attachments', attachment)
    const isTemporary = attachments.length > 0 && before?.status === 'disabled'
    if (isTemporary) add('create', statusStep('group', group.name, 'disabled', 'enabled', group.status === 'disabled'))
    else if (before?.status === 'disabled' && group.status === 'enabled') add('create', statusStep('group', group.name, 'disabled', 'enabled', false))
    const statusNow = before && !isTemporary ? before.status : 'enabled'
    if (statusNow === 'enabled' && group.status === 'disabled') add('disable', statusStep('group', group.name, 'enabled', 'disabled', false))
  }
  const wanted = new Set(desired.groups.map((group) => group.name))
  for (const group of current.groups) {
    if (wanted.has(group.name)) continue
    // MinIO deletes only empty groups (§4.2): empty it first.
    if (group.members.length > 0) add('emptyGroups', step('change', 'group', group.name, `remove ${group.members.length} member(s) before deleting`, { type: 'removeGroupMembers', name: group.name, members: [...group.members] }))
    add('removeEntities', step('remove', 'group', group.name, 'delete', { type: 'deleteGroup', name: group.name }))
  }
}

function planMembers(group: SnapshotGroup, before: SnapshotGroup | undefined, made: string[], add: Add): void {
  const had = new Set(before?.members ?? [])
  const wanted = new Set(group.members)
  const added = group.members.filter((member) => !had.has(member))
  const removed = [...had].filter((member) => !wanted.has(member))
  if (added.length > 0) {
    const needs = [...made, ...added.map((member) => `user:${member}`)]
    add('members', step('change', 'group', group.name, `add members ${added.join(', ')}`, { type: 'addGroupMembers', name: group.name, members: added }, needs))
  }
  if (removed.length > 0) add('members', step('change', 'group', group.name, `remove members ${removed.join(', ')}`, { type: 'removeGroupMembers', name: group.name, members: removed }))
}

function attachmentSteps(entity: 'user' | 'group', name: string, target: PolicyTarget, had: readonly string[], wanted: readonly string[], made: string[]): DraftStep[] {
  const attach = wanted.filter((policy) => !had.includes(policy))
  const detach = had.filter((policy) => !wanted.includes(policy))
  const steps: DraftStep[] = []
  if (attach.length > 0) steps.push(step('change', entity, name, `attach ${attach.join(', ')}`, { type: 'attachPolicies', target, policies: attach }, [...made, ...attach.map((policy) => `policy:${policy}`)]))
  if (detach.length > 0) steps.push(step('change', entity, name, `detach ${detach.join(', ')}`, { type: 'detachPolicies', target, policies: detach }, made))
  return steps
}

function statusStep(entity: 'user' | 'group', name: string, from: EntityStatus, to: EntityStatus, isTemporary: boolean): DraftStep {
  const why = isTemporary ? ` (temporarily: MinIO refuses policy changes on a disabled ${entity}; disabled again at the end)` : ''
  const operation: PlanOperation = entity === 'user' ? { type: 'setUserStatus', accessKey: name, status: to } : { type: 'setGroupStatus', name, status: to }
  return step('change', entity, name, `status ${from} → ${to}${why}`, operation, [`${entity}:${name}`])
}
