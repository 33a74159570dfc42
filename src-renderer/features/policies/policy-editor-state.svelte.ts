import { getContext, setContext } from 'svelte'
import type { PolicyCatalogueView } from '../../../src-main/api/policies.contract.ts'
import type { PolicyCaseInput, PolicyCaseResultView, PolicyCaseView } from '../../../src-main/api/policy-cases.contract.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'
import { summarizePolicy, type StatementSummary } from './editing/policy-summary.ts'

/** How long typing must pause before the saved cases run against the draft. */
const RUN_DELAY_MS = 250

// The catalogue is the same for every connection and every call: asked once per page.
let catalogueCall: Promise<PolicyCatalogueView | null> | undefined
function loadCatalogue(): Promise<PolicyCatalogueView | null> {
  catalogueCall ??= invoke('policies.catalogue', {}).then((result) => (result.ok ? result.value : null))
  return catalogueCall
}

/**
 * What the policy editor adds around the text, for one connection: completion data (catalogue,
 * bucket names), the statement summary (the last valid one kept, marked stale, while the text does
 * not parse) and the open policy's saved cases, re-run against the draft after every edit.
 */
export class PolicyEditorState {
  catalogue = $state<PolicyCatalogueView | null>(null)
  buckets = $state<string[]>([])
  summary = $state<StatementSummary[]>([])
  isSummaryStale = $state(false)
  /** The saved policy whose cases are shown; null while creating a new one. */
  policy = $state<string | null>(null)
  cases = $state<PolicyCaseView[]>([])
  results = $state<PolicyCaseResultView[]>([])
  readonly action = new ActionState()
  readonly #runs = new LatestCall()
  #timer: ReturnType<typeof setTimeout> | undefined
  #draft = ''

  broken = $derived(this.results.filter((result) => !result.passed))

  constructor(private readonly connectionId: () => string | null) {}

  /** Loads the completion data (once per connection). */
  async loadAids(): Promise<void> {
    this.catalogue = await loadCatalogue()
    const connectionId = this.connectionId()
    if (!connectionId || this.buckets.length > 0) return
    const buckets = await invoke('policies.buckets', { connectionId })
    if (buckets.ok) this.buckets = buckets.value
  }

  /** A policy (or a new one, `null`) is opened with this text. */
  async open(policy: string | null, text: string): Promise<void> {
    this.policy = policy
    // A run still in flight for the policy open before must not land under this one.
    this.#runs.begin()
    this.cases = []
    this.results = []
    this.summary = []
    this.draftChanged(text)
    const connectionId = this.connectionId()
    if (!policy || !connectionId) return
    const cases = await invoke('policyCases.list', { connectionId, policy })
    if (this.policy !== policy) return
    this.cases = cases.ok ? cases.value : []
    await this.runNow()
  }

  /** Every edit: the summary now, the saved cases once typing pauses. */
  draftChanged(text: string): void {
    this.#draft = text
    const summary = summarizePolicy(text)
    this.isSummaryStale = summary === undefined
    if (summary) this.summary = summary
    clearTimeout(this.#timer)
    if (this.cases.length > 0) this.#timer = setTimeout(() => void this.runNow(), RUN_DELAY_MS)
  }

  /** Runs the saved cases against the current draft; an older answer never replaces a newer one. */
  async runNow(): Promise<void> {
    const connectionId = this.connectionId()
    const policy = this.policy
    if (!connectionId || !policy || this.cases.length === 0) {
      this.results = []
      return
    }
    const isLatest = this.#runs.begin()
    const result = await invoke('policyCases.run', { connectionId, policy, text: this.#draft })
    if (isLatest() && result.ok) this.results = result.value
  }

  async saveCase(item: PolicyCaseInput): Promise<boolean> {
    const connectionId = this.connectionId()
    const policy = this.policy
    if (!connectionId || !policy) return false
    const cases = await this.action.run(`Could not save case '${item.name}'`, () => invoke('policyCases.save', { connectionId, policy, case: item }))
    if (!cases) return false
    // Saved; but another policy may be open by now: its cases are not these.
    if (this.policy !== policy) return true
    this.cases = cases
    await this.runNow()
    return true
  }

  async removeCase(name: string): Promise<void> {
    const connectionId = this.connectionId()
    const policy = this.policy
    if (!connectionId || !policy) return
    const cases = await this.action.run(`Could not remove case '${name}'`, () => invoke('policyCases.remove', { connectionId, policy, name }))
    if (!cases || this.policy !== policy) return
    this.cases = cases
    await this.runNow()
  }
}

const KEY = Symbol('policy-editor')

export function setPolicyEditor(state: PolicyEditorState): PolicyEditorState {
  return setContext(KEY, state)
}

export function usePolicyEditor(): PolicyEditorState {
  return getContext<PolicyEditorState>(KEY)
}
