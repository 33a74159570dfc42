import { getContext, setContext } from 'svelte'
import type { ChecklistView, MatrixView, WhoCanView } from '../../../src-main/api/access.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { download } from '../../lib/download.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'

export type MatrixCellView = MatrixView['cells'][number]
export type WhoCanEntryView = WhoCanView['allowed'][number]
type PrincipalKind = MatrixView['principal']['kind']

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean)

/** `KEY=VALUE` lines (blank lines ignored; a key given twice gets both values). */
export function parseConditionLines(text: string): Record<string, string[]> | string {
  const out: Record<string, string[]> = {}
  for (const line of text.split('\n').map((item) => item.trim()).filter(Boolean)) {
    const equals = line.indexOf('=')
    if (equals <= 0) return `"${line}" is not KEY=VALUE (for example aws:SourceIp=10.0.0.7).`
    const key = line.slice(0, equals).trim()
    out[key] = [...(out[key] ?? []), line.slice(equals + 1).trim()]
  }
  return out
}

/**
 * The Access screen: who-can, one principal's effective permissions (a cell's explanation on
 * click, CSV export) and the storage-security checklist, each read live from the selected
 * connection. Results belong to the connection they were asked of and are hidden on a switch.
 */
export class AccessState {
  action = $state('s3:GetObject')
  resource = $state('')
  conditions = $state('')
  principalKind = $state<PrincipalKind>('user')
  principalName = $state('')
  actions = $state('')
  resources = $state('')
  readonly whoCanAction = new ActionState()
  /** The second step of who-can (the access keys): under way, or how it failed. */
  keysPending = $state(false)
  keysError = $state<{ title: string; error: AppError } | null>(null)
  readonly matrixAction = new ActionState()
  readonly checkAction = new ActionState()
  #whoCan = $state<{ connectionId: string; view: WhoCanView } | null>(null)
  /** Only the answer to the last question asked is kept. */
  readonly #whoCanCalls = new LatestCall()
  readonly #matrixCalls = new LatestCall()
  whoCanFilter = $state('')
  #matrix = $state<{ connectionId: string; view: MatrixView } | null>(null)
  #checklist = $state<{ connectionId: string; view: ChecklistView } | null>(null)
  selected = $state<MatrixCellView | null>(null)
  conditionError = $state<string | null>(null)

  whoCan = $derived.by(() => (this.#whoCan?.connectionId === this.connectionId() ? this.#whoCan.view : null))
  matrix = $derived.by(() => (this.#matrix?.connectionId === this.connectionId() ? this.#matrix.view : null))
  /** The answer's principals whose name holds the filter text (the list is virtualised: thousands may be allowed). */
  whoCanShown = $derived.by(() => {
    const text = this.whoCanFilter.trim().toLowerCase()
    const allowed = this.whoCan?.allowed ?? []
    return text ? allowed.filter((entry) => entry.name.toLowerCase().includes(text)) : allowed
  })
  whoCanCounts = $derived.by(() => {
    const counts = { user: 0, accessKey: 0, group: 0 }
    for (const entry of this.whoCan?.allowed ?? []) counts[entry.kind]++
    return counts
  })
  checklist = $derived.by(() => (this.#checklist?.connectionId === this.connectionId() ? this.#checklist.view : null))

  constructor(private readonly connectionId: () => string | null) {}

  #conditions(): Record<string, string[]> | null {
    const parsed = parseConditionLines(this.conditions)
    this.conditionError = typeof parsed === 'string' ? parsed : null
    return typeof parsed === 'string' ? null : parsed
  }

  async askWhoCan(): Promise<void> {
    const connectionId = this.connectionId()
    const conditions = this.#conditions()
    if (!connectionId || !conditions) return
    const isLatest = this.#whoCanCalls.begin()
    // The earlier answer is for another question: it goes now, not when this one arrives.
    this.#whoCan = null
    this.keysPending = false
    this.keysError = null
    const question = { connectionId, action: this.action, resource: this.resource, conditions }
    // Users and groups first (a second or two at 10,000 users); the access keys cost MinIO an
    // encrypted call per owner, so they follow in a second answer that replaces the first.
    const first = await this.whoCanAction.run('Could not answer who can', () => invoke('access.whoCan', { ...question, accessKeys: false }))
    if (!first || !isLatest()) return
    this.#whoCan = { connectionId, view: first }
    this.keysPending = true
    const full = await invoke('access.whoCan', { ...question, accessKeys: true })
    // A newer question owns the pending flag and the error now: this step's outcome is dropped.
    if (!isLatest()) return
    this.keysPending = false
    if (full.ok) this.#whoCan = { connectionId, view: full.value }
    else this.keysError = { title: 'Could not read the access keys for who can', error: full.error }
  }

  async loadMatrix(): Promise<void> {
    const connectionId = this.connectionId()
    const conditions = this.#conditions()
    if (!connectionId || !conditions) return
    const actions = list(this.actions)
    const resources = list(this.resources)
    const input = { connectionId, principal: { kind: this.principalKind, name: this.principalName.trim() }, conditions, ...(actions.length ? { actions } : {}), ...(resources.length ? { resources } : {}) }
    const isLatest = this.#matrixCalls.begin()
    // The earlier matrix is of another question: it goes now, not when this one arrives.
    this.#matrix = null
    this.selected = null
    const view = await this.matrixAction.run('Could not build the matrix', () => invoke('access.matrix', input))
    if (view && isLatest()) {
      this.#matrix = { connectionId, view }
      this.selected = null
    }
  }

  cellAt(action: string, resource: string): MatrixCellView | undefined {
    return this.matrix?.cells.find((cell) => cell.action === action && cell.resource === resource)
  }

  exportCsv(): void {
    const matrix = this.matrix
    if (matrix) download(`gatehouse-access-${matrix.principal.kind}-${matrix.principal.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.csv`, matrix.csv, 'text/csv')
  }

  async runChecklist(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const view = await this.checkAction.run('Could not run the checklist', () => invoke('access.check', { connectionId }))
    if (view) this.#checklist = { connectionId, view }
  }
}

const KEY = Symbol('access')
export const setAccess = (state: AccessState) => setContext(KEY, state)
export const useAccess = () => getContext<AccessState>(KEY)
