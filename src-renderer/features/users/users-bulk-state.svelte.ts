import type { UserBulkAction, UserBulkReport } from '../../../src-main/api/bulk.contract.ts'
import type { UserView } from '../../../src-main/api/users.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { invoke } from '../../lib/transport.ts'
import { describeBulk, needsRetry } from './bulk-labels.ts'

/** An immutable selection: state holds it raw and replaces it whole. */
function selection(accessKeys: Iterable<string>): ReadonlySet<string> {
  return new Set(accessKeys)
}

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
  /**
   * Replaced whole on every change (one signal), never mutated: with 10,000 rows, a SvelteSet made
   * "select all" 10,000 signal writes and every filter keystroke 10,000 per-key reads.
   */
  selected = $state.raw(selection([]))
  busy = $state(false)
  /** Why a whole run (or the group list) failed, e.g. an unknown group refused before any change. */
  error = $state<{ title: string; error: AppError } | null>(null)
  /** The last run's per-user results, with what it did ("Attach policy 'readonly' to 3 users."). */
  report = $state<(UserBulkReport & { summary: string }) | null>(null)
  /** Group names for the group pickers, read when first needed. */
  groupNames = $state<string[] | null>(null)

  /**
   * The connection the selection was made on. Two servers often share user names, so a selection
   * must never carry over to another connection (a bulk delete would hit the other server's users).
   */
  #owner: string | null = null

  constructor(private readonly host: BulkHost) {}

  toggle(accessKey: string, isOn: boolean): void {
    this.#change([accessKey], isOn)
  }

  #change(accessKeys: Iterable<string>, isOn: boolean): void {
    this.#adoptConnection()
    const changing = selection(accessKeys)
    this.selected = isOn ? selection([...this.selected, ...changing]) : selection([...this.selected].filter((accessKey) => !changing.has(accessKey)))
  }

  /** Drops a selection made on another connection than the one now shown. */
  #adoptConnection(): void {
    const current = this.host.connectionId()
    if (current === this.#owner) return
    this.selected = selection([])
    this.report = null
    this.#owner = current
  }

  /** Selects (or unselects) exactly the rows shown; the other selected users stay selected. */
  setShown(shown: readonly UserView[], isOn: boolean): void {
    this.#change(shown.map((user) => user.accessKey), isOn)
  }

  isAllSelected(shown: readonly UserView[]): boolean {
    return shown.length > 0 && shown.every((user) => this.selected.has(user.accessKey))
  }

  clear(): void {
    this.selected = selection([])
  }

  /** Drops selected users the list no longer has (deleted here or elsewhere, or another connection). */
  keepOnly(rows: readonly UserView[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const present = new Set(rows.map((user) => user.accessKey))
    this.selected = selection([...this.selected].filter((accessKey) => present.has(accessKey)))
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
    this.#adoptConnection()
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
    this.#change(result.value.results.filter((item) => !needsRetry(item)).map((item) => item.accessKey), false)
    const sent = result.value.results.filter((item) => item.status !== 'skipped').map((item) => item.accessKey)
    const deleted = action.kind === 'delete' ? result.value.results.filter((item) => item.status === 'ok').map((item) => item.accessKey) : []
    await this.host.refreshRows(sent.filter((accessKey) => !deleted.includes(accessKey)), deleted)
    this.keepOnly(this.host.rows())
  }

  /** Forgets per-connection data (groups) and the last run; called when the list is loaded again. */
  reset(rows: readonly UserView[]): void {
    this.#adoptConnection()
    this.keepOnly(rows)
    this.groupNames = null
  }
}
