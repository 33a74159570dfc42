import type { Capability } from '../../../src-main/api/account.contract.ts'
import type { UserBulkAction, UserBulkResult } from '../../../src-main/api/bulk.contract.ts'
import type { ImpactChange } from '../../../src-main/api/impact.contract.ts'

export type BulkKind = UserBulkAction['kind']

/** The actions the bulk bar offers, in menu order, each with the permission MinIO checks for it. */
export const BULK_ACTIONS: readonly { kind: BulkKind; label: string; capability: Capability }[] = [
  { kind: 'attach', label: 'Attach policy', capability: 'attachPolicy' },
  { kind: 'detach', label: 'Detach policy', capability: 'attachPolicy' },
  { kind: 'addToGroup', label: 'Add to group', capability: 'changeGroupMembers' },
  { kind: 'removeFromGroup', label: 'Remove from group', capability: 'changeGroupMembers' },
  { kind: 'enable', label: 'Enable', capability: 'enableUser' },
  { kind: 'disable', label: 'Disable', capability: 'enableUser' },
  { kind: 'delete', label: 'Delete', capability: 'deleteUser' },
]

/** The action a bar's choices make, or null while a needed policy or group is not chosen. */
export function bulkAction(kind: BulkKind | '', name: string): UserBulkAction | null {
  if (kind === 'attach' || kind === 'detach') return name ? { kind, policies: [name] } : null
  if (kind === 'addToGroup' || kind === 'removeFromGroup') return name ? { kind, group: name } : null
  return kind ? { kind } : null
}

export interface BulkWording {
  title: string
  confirmLabel: string
  /** What the run does, as a heading for its results: "Attach policy 'readonly' to 3 users". */
  headline: string
  /** Exactly what will happen, to how many users. */
  text: string
  isDestructive: boolean
}

type Words = Omit<BulkWording, 'text'> & { note?: string }

function words(action: UserBulkAction, who: string): Words {
  const policies = 'policies' in action ? `'${action.policies.join("', '")}'` : ''
  const group = 'group' in action ? `'${action.group}'` : ''
  switch (action.kind) {
    case 'attach':
      return { title: `Attach policy to ${who}?`, confirmLabel: 'Attach', headline: `Attach policy ${policies} to ${who}`, isDestructive: false, note: 'Users that already have it are left as they are.' }
    case 'detach':
      return { title: `Detach policy from ${who}?`, confirmLabel: 'Detach', headline: `Detach policy ${policies} from ${who}`, isDestructive: true, note: 'Users without it are left as they are.' }
    case 'addToGroup':
      return { title: `Add ${who} to a group?`, confirmLabel: 'Add to group', headline: `Add ${who} to group ${group}`, isDestructive: false }
    case 'removeFromGroup':
      return { title: `Remove ${who} from a group?`, confirmLabel: 'Remove from group', headline: `Remove ${who} from group ${group}`, isDestructive: true }
    case 'enable':
      return { title: `Enable ${who}?`, confirmLabel: 'Enable', headline: `Enable ${who}`, isDestructive: false, note: 'Their credentials sign requests again.' }
    case 'disable':
      return { title: `Disable ${who}?`, confirmLabel: 'Disable', headline: `Disable ${who}`, isDestructive: true, note: 'MinIO refuses every request they sign until they are enabled again.' }
    case 'delete':
      return { title: `Delete ${who}?`, confirmLabel: `Delete ${who}`, headline: `Delete ${who}`, isDestructive: true, note: 'MinIO also deletes their access keys, group memberships and policy attachments. This cannot be undone.' }
  }
}

/** The confirmation's words for an action on `count` users. */
export function describeBulk(action: UserBulkAction, count: number): BulkWording {
  const { note, ...rest } = words(action, count === 1 ? '1 user' : `${count} users`)
  return { ...rest, text: note ? `${rest.headline}. ${note}` : `${rest.headline}.` }
}

/** The change a bulk action makes to these users, for its impact preview. */
export function bulkImpact(action: UserBulkAction, users: readonly string[]): ImpactChange {
  const list = [...users].sort()
  switch (action.kind) {
    case 'attach':
    case 'detach':
      return { kind: action.kind, targets: list.map((user) => ({ user })), policies: action.policies }
    case 'addToGroup':
      return { kind: 'addMembers', group: action.group, users: list }
    case 'removeFromGroup':
      return { kind: 'removeMembers', group: action.group, users: list }
    case 'enable':
    case 'disable':
      return { kind: 'userStatus', users: list, status: action.kind === 'enable' ? 'enabled' : 'disabled' }
    case 'delete':
      return { kind: 'deleteUsers', users: list }
  }
}

/**
 * Whether a user needs the action again: it failed, or was skipped without being sent (the run was
 * halted). A user skipped because it already was as asked (CONFLICT) needs nothing.
 */
export function needsRetry(result: UserBulkResult): boolean {
  return result.status === 'failed' || (result.status === 'skipped' && result.error?.code !== 'CONFLICT')
}
