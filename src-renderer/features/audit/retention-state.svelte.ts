import { getContext, setContext } from 'svelte'
import type { AuditExportResult, AuditPruneResult, AuditRetentionStatus } from '../../../src-main/api/audit.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'
import { formOf, toPolicy, type RetentionForm } from './retention-form.ts'

/**
 * The Retention panel: the saved policy and the trail's status under it, saving a policy, and a
 * prune that the server refuses (CONFLICT) until a full export covers what it removes; then the
 * panel offers that export. `onChanged` reloads the event list (the prune and export are events).
 */
export class RetentionState {
  status = $state<AuditRetentionStatus | null>(null)
  form = $state<RetentionForm>({ maxAgeDays: '', maxEvents: '', maxSizeMiB: '' })
  formError = $state<string | null>(null)
  isSaved = $state(false)
  isConfirming = $state(false)
  /** The server's export-first refusal, while it stands. */
  refusal = $state<AppError | null>(null)
  exported = $state<AuditExportResult | null>(null)
  pruned = $state<AuditPruneResult | null>(null)
  readonly action = new ActionState()
  readonly #loads = new LatestCall()

  constructor(private readonly onChanged: () => Promise<void>) {}

  /** Reads the status; the form follows the saved policy unless `keepForm` (an edit in progress). */
  async load(keepForm = false): Promise<void> {
    const isLatest = this.#loads.begin()
    const result = await invoke('audit.retention', {})
    if (!isLatest()) return
    if (!result.ok) {
      this.action.error = { title: 'Could not read the retention status', error: result.error }
      return
    }
    this.status = result.value
    if (!keepForm) this.form = formOf(result.value.policy)
  }

  async save(): Promise<void> {
    this.isSaved = false
    const parsed = toPolicy(this.form)
    this.formError = 'error' in parsed ? parsed.error : null
    if ('error' in parsed) return
    const status = await this.action.run('Could not save the retention policy', () => invoke('audit.setRetention', parsed.policy))
    if (!status) return
    this.status = status
    this.form = formOf(status.policy)
    this.isSaved = true
    this.refusal = null
    await this.onChanged()
  }

  /** Fresh numbers first, so the confirmation says how many events go now. */
  async askPrune(): Promise<void> {
    this.pruned = null
    await this.load(true)
    this.isConfirming = true
  }

  async prune(): Promise<void> {
    this.action.clear()
    this.action.busy = true
    const result = await invoke('audit.prune', {})
    this.action.busy = false
    this.isConfirming = false
    if (!result.ok) {
      if (result.error.code === 'CONFLICT') this.refusal = result.error
      else this.action.error = { title: 'Could not prune the audit trail', error: result.error }
      return
    }
    this.refusal = null
    this.pruned = result.value
    await Promise.all([this.load(true), this.onChanged()])
  }

  /** The full, unfiltered export the refusal asks for, kept in the data directory; then asks again. */
  async exportInFull(): Promise<void> {
    const exported = await this.action.run('Could not export the audit trail', () => invoke('audit.export', { format: 'jsonl', target: 'file', filter: {} }))
    if (!exported) return
    this.exported = exported
    this.refusal = null
    await this.onChanged()
    await this.askPrune()
  }
}

const KEY = Symbol('audit-retention')

export function setRetention(state: RetentionState): RetentionState {
  return setContext(KEY, state)
}

export function useRetention(): RetentionState {
  return getContext<RetentionState>(KEY)
}
