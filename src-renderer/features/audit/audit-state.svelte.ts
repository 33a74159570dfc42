import { getContext, setContext } from 'svelte'
import type {
  AuditEventDetail, AuditEventSummary, AuditExportResult, AuditPolicyVersion, AuditVerifyReport,
} from '../../../src-main/api/audit.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { download } from '../../lib/download.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'
import { EMPTY_FILTER, toFilter, type FilterForm } from './audit-filter.ts'
import { RestoreState } from './restore-state.svelte.ts'

const PAGE_SIZE = 100

/**
 * The audit screen: a keyset-paged event list (newest first) under the current filter, the selected
 * event's detail, the chain verification, exports and a policy's history with diffs.
 */
export class AuditState {
  form = $state<FilterForm>({ ...EMPTY_FILTER })
  events = $state<AuditEventSummary[]>([])
  nextCursor = $state<number | null>(null)
  loading = $state(false)
  loaded = $state(false)
  selected = $state<AuditEventDetail | null>(null)
  verify = $state<AuditVerifyReport | null>(null)
  exported = $state<AuditExportResult | null>(null)
  history = $state<{ policyName: string; connectionId: string; versions: AuditPolicyVersion[] } | null>(null)
  diff = $state<{ from: number; to: number; patch: string; added: number; removed: number } | null>(null)
  busy = $state<'verify' | 'export' | 'history' | null>(null)
  error = $state<{ title: string; error: AppError } | null>(null)
  readonly #queries = new LatestCall()
  /** "Restore this version" of the history shown. */
  readonly restore = new RestoreState()

  /** Reloads the first page under the current form; answers of an older query are dropped. */
  async search(): Promise<void> {
    const isLatest = this.#queries.begin()
    this.loading = true
    const result = await invoke('audit.list', { filter: toFilter(this.form), limit: PAGE_SIZE })
    if (!isLatest()) return
    this.loading = false
    this.loaded = true
    if (!result.ok) return this.#fail('Could not read the audit trail', result.error)
    this.events = result.value.events
    this.nextCursor = result.value.nextCursor
  }

  /** The next (older) page, for infinite scroll; a no-op while loading or at the end. */
  async loadMore(): Promise<void> {
    if (this.loading || this.nextCursor === null) return
    // Never overlaps a search (no-op while loading); a search started meanwhile drops this page.
    const isLatest = this.#queries.begin()
    this.loading = true
    const result = await invoke('audit.list', { filter: toFilter(this.form), limit: PAGE_SIZE, before: this.nextCursor })
    if (!isLatest()) return
    this.loading = false
    if (!result.ok) return this.#fail('Could not read more of the audit trail', result.error)
    this.events.push(...result.value.events)
    this.nextCursor = result.value.nextCursor
  }

  resetFilters(): Promise<void> {
    this.form = { ...EMPTY_FILTER }
    return this.search()
  }

  async open(id: string): Promise<void> {
    const result = await invoke('audit.get', { id })
    if (result.ok) this.selected = result.value
    else this.#fail('Could not read the event', result.error)
  }

  async verifyChain(): Promise<void> {
    this.busy = 'verify'
    const result = await invoke('audit.verify', {})
    this.busy = null
    if (result.ok) this.verify = result.value
    else this.#fail('Could not verify the audit trail', result.error)
  }

  /** Exports under the current filter; `download` also hands the text to the browser as a file. */
  async export(format: 'csv' | 'jsonl', target: 'file' | 'download'): Promise<void> {
    this.busy = 'export'
    const result = await invoke('audit.export', { format, target, filter: toFilter(this.form) })
    this.busy = null
    if (!result.ok) return this.#fail('Could not export the audit trail', result.error)
    const { content, ...summary } = result.value
    this.exported = summary
    if (content !== undefined) download(summary.fileName, content, format === 'csv' ? 'text/csv' : 'application/x-ndjson')
    void this.search()
  }

  async loadHistory(policyName: string, connectionId: string): Promise<void> {
    this.busy = 'history'
    const result = await invoke('audit.policyHistory', { policyName, ...(connectionId ? { connectionId } : {}) })
    this.busy = null
    this.diff = null
    if (!result.ok) return this.#fail(`Could not read the history of '${policyName}'`, result.error)
    this.history = { policyName, connectionId, versions: result.value }
  }

  /** Restores a version of the history shown (its connection), then reads the history again. */
  async restoreVersion(): Promise<void> {
    if (!this.history || !(await this.restore.confirm())) return
    await this.loadHistory(this.history.policyName, this.history.connectionId)
  }

  async diffVersions(from: number, to: number): Promise<void> {
    if (!this.history) return
    const { policyName, connectionId } = this.history
    const result = await invoke('audit.policyDiff', { policyName, from, to, ...(connectionId ? { connectionId } : {}) })
    if (result.ok) this.diff = result.value
    else this.#fail('Could not diff the versions', result.error)
  }

  #fail(title: string, error: AppError): void {
    this.error = { title, error }
  }
}

const KEY = Symbol('audit')

export function setAudit(state: AuditState): AuditState {
  return setContext(KEY, state)
}

export function useAudit(): AuditState {
  return getContext<AuditState>(KEY)
}
