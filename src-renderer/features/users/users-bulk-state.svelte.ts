import type { UserBulkAction, UserBulkReport } from '../../../src-main/api/bulk.contract.ts'
import type { UserView } from '../../../src-main/api/users.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { KeyedSelection } from '../../lib/keyed-selection.svelte.ts'
import { invoke } from '../../lib/transport.ts'
import { describeBulk, needsRetry } from './bulk-labels.ts'

/** What the bulk state needs of the Users screen: the connection, the rows, and a way to re-read rows. */
export interface BulkHost {
  connectionId: () => string | null
  rows: () => UserView[]
  refreshRows: (changed: readonly string[], deleted: readonly string[]) => Promise<void>
}

/**
 * The Users screen's selection and bulk runs. The selection is a set of access keys, not row
 * positions, so it survives scrolling the virtualised list, filtering and re-listing.
 */
export class UsersBulkState {
  /** The selected users (lib/keyed-selection: by name, one connection's). */
  readonly selection: KeyedSelection
  busy = $state(false)
  /** Why a whole run (or the group list) failed, e.g. an unknown group refused before any change. */
  error = $state<{ title: string; error: AppError } | null>(null)
  /** The last run's per-user results, with what it did ("Attach policy 'readonly' to 3 users."). */
  report = $state<(UserBulkReport & { summary: string }) | null>(null)
  /** Group names for the group pickers, read when first needed. */
  groupNames = $state<string[] | null>(null)

  constructor(private readonly host: BulkHost) {
    this.selection = new KeyedSelection(host.connectionId, () => (this.report = null))
  }

  get selected(): ReadonlySet<string> {
    return this.selection.selected
  }

  toggle(accessKey: string, isOn: boolean): void {
    this.selection.toggle(accessKey, isOn)
  }

  /** Selects (or unselects) exactly the rows shown; the other selected users stay selected. */
  setShown(shown: readonly UserView[], isOn: boolean): void {
    this.selection.setShown(shown.map((user) => user.accessKey), isOn)
  }

  isAllSelected(shown: readonly UserView[]): boolean {
    return this.selection.isAllSelected(shown.map((user) => user.accessKey))
  }

  clear(): void {
    this.selection.clear()
  }

  /** Drops selected users the list no longer has (deleted here or elsewhere, or another connection). */
  keepOnly(rows: readonly UserView[]): void {
    this.selection.keepOnly(rows.map((user) => user.accessKey))
  }

  /** The group names, from groups.list (plain reads, no Argon2 work), once per connection view. */
  async loadGroups(): Promise<void> {
    const connectionId = this.host.connectionId()
    if (!connectionId || this.groupNames) return
    const groups = await invoke('groups.list', { connectionId })
    this.groupNames = groups.ok ? groups.value.map((group) => group.name) : []
    if (!groups.ok) this.error = { title: 'Could not list the groups', error: groups.error }
  }

  /**
   * Runs the action on every selected user, then leaves selected only the users that need it again
   * (so a retry is one click) and re-reads the rows that changed.
   */
  async run(action: UserBulkAction): Promise<void> {
    this.selection.adoptConnection()
    const connectionId = this.host.connectionId()
    const accessKeys = [...this.selected]
    if (!connectionId || accessKeys.length === 0) return
    this.busy = true
    this.error = null
    this.report = null
    const result = await invoke('users.bulk', { connectionId, accessKeys, action })
    this.busy = false
    if (!result.ok) {
      this.error = { title: 'The bulk change failed', error: result.error }
      return
    }
    this.report = { ...result.value, summary: describeBulk(action, accessKeys.length).headline }
    this.selection.change(result.value.results.filter((item) => !needsRetry(item)).map((item) => item.accessKey), false)
    const sent = result.value.results.filter((item) => item.status !== 'skipped').map((item) => item.accessKey)
    const deleted = action.kind === 'delete' ? result.value.results.filter((item) => item.status === 'ok').map((item) => item.accessKey) : []
    await this.host.refreshRows(sent.filter((accessKey) => !deleted.includes(accessKey)), deleted)
    this.keepOnly(this.host.rows())
  }

  /** Forgets per-connection data (groups) and the last run; called when the list is loaded again. */
  reset(rows: readonly UserView[]): void {
    this.selection.adoptConnection()
    this.keepOnly(rows)
    this.groupNames = null
  }
}
