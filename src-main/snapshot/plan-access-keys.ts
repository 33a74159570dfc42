import type { AccessKeyUpdate } from '../minio/index.ts'
import { samePolicy } from './canonical-policy.ts'
import type { Snapshot, SnapshotAccessKey } from './snapshot.schema.ts'
import { step, type DraftStep } from './plan-step.ts'

/**
 * Access key steps: create the missing ones (with a generated secret, since a snapshot has none),
 * update the differing ones (status, name, description, expiry, session policy) and delete the
 * extra ones. What MinIO cannot change (clearing a name or description, removing an expiry,
 * moving a key to another user) is left alone and reported in `warnings`.
 */
export function planAccessKeys(desired: Snapshot, current: Snapshot, warnings: string[]): DraftStep[] {
  const existing = new Map(current.accessKeys.map((key) => [key.accessKey, key]))
  const steps: DraftStep[] = []
  for (const key of desired.accessKeys) {
    const before = existing.get(key.accessKey)
    if (!before) steps.push(createStep(key))
    else if (before.parentUser !== key.parentUser) warnings.push(`Access key '${key.accessKey}' belongs to '${before.parentUser}' on the server but to '${key.parentUser}' in the snapshot; MinIO cannot move a key. Delete it on the server and apply again.`)
    else {
      const update = accessKeyUpdate(before, key, warnings)
      const fields = Object.keys(update)
      if (fields.length > 0) steps.push(step('change', 'accessKey', key.accessKey, `update ${fields.join(', ')}`, { type: 'updateAccessKey', accessKey: key.accessKey, update }, [`user:${key.parentUser}`]))
    }
  }
  const wanted = new Set(desired.accessKeys.map((key) => key.accessKey))
  for (const key of current.accessKeys) {
    if (!wanted.has(key.accessKey)) steps.push(step('remove', 'accessKey', key.accessKey, `delete (of user '${key.parentUser}')`, { type: 'deleteAccessKey', accessKey: key.accessKey }))
  }
  return steps
}

function createStep(key: SnapshotAccessKey): DraftStep {
  const operation = {
    type: 'createAccessKey' as const,
    accessKey: key.accessKey,
    parentUser: key.parentUser,
    status: key.status,
    ...(key.name ? { name: key.name } : {}),
    ...(key.description ? { description: key.description } : {}),
    ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
    ...(key.sessionPolicy ? { policy: key.sessionPolicy } : {}),
  }
  const extras = [key.sessionPolicy ? 'with a session policy' : '', key.status === 'disabled' ? 'then disabled' : ''].filter(Boolean).join(', ')
  return step('create', 'accessKey', key.accessKey, `create for user '${key.parentUser}' (a new secret is generated${extras ? `; ${extras}` : ''})`, operation, [`user:${key.parentUser}`])
}

function accessKeyUpdate(before: SnapshotAccessKey, key: SnapshotAccessKey, warnings: string[]): Omit<AccessKeyUpdate, 'secretKey'> {
  const update: Omit<AccessKeyUpdate, 'secretKey'> = {}
  if (before.status !== key.status) update.status = key.status
  // MinIO: an empty name or description on update means "unchanged" (§4.8), so neither can be cleared.
  if (key.name && key.name !== before.name) update.name = key.name
  else if (!key.name && before.name) warnings.push(`Access key '${key.accessKey}': MinIO cannot clear its name '${before.name}'; it is kept.`)
  if (key.description && key.description !== before.description) update.description = key.description
  else if (!key.description && before.description) warnings.push(`Access key '${key.accessKey}': MinIO cannot clear its description; it is kept.`)
  if (key.expiresAt && Date.parse(key.expiresAt) !== Date.parse(before.expiresAt ?? '')) update.expiresAt = key.expiresAt
  else if (!key.expiresAt && before.expiresAt) warnings.push(`Access key '${key.accessKey}': removing its expiry (${before.expiresAt}) is not supported; it is kept.`)
  if (key.sessionPolicy && !(before.sessionPolicy && samePolicy(before.sessionPolicy, key.sessionPolicy))) update.policy = key.sessionPolicy
  else if (!key.sessionPolicy && before.sessionPolicy) update.policy = null
  return update
}
