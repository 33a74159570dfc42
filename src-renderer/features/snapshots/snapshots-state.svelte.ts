import { getContext, setContext } from 'svelte'
import type { SnapshotApplyView, SnapshotCredential, SnapshotPlanView } from '../../../src-main/api/snapshots.contract.ts'
import type { Result } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { download } from '../../lib/download.ts'
import { invoke } from '../../lib/transport.ts'

// The contract's cap (snapshots.contract.ts): checked here too, so a huge file is never read or sent.
const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024

/** A previewed plan with exactly what it was made from: the apply sends the same. */
export interface PreviewedPlan {
  connectionId: string
  fileName: string
  text: string
  removeExtras: boolean
  view: SnapshotPlanView
}

type Work = 'export' | 'plan' | 'apply'

/**
 * The Snapshots screen: export the connection's IAM state as a download, load a snapshot (file or
 * pasted text), preview the plan against the server, apply exactly that plan, then the per-step
 * results and the new secrets (held in memory only until each is dismissed).
 */
export class SnapshotsState {
  text = $state('')
  fileName = $state('pasted.json')
  /** Off by default: removing what the snapshot lacks is destructive, so it is asked for. */
  removeExtras = $state(false)
  /** What is running, for the buttons' labels; `action` has the busy flag and the last error. */
  working = $state<Work | null>(null)
  readonly action = new ActionState()
  exported = $state<{ fileName: string; counts: { policies: number; users: number; groups: number; accessKeys: number } } | null>(null)
  previewed = $state<PreviewedPlan | null>(null)
  report = $state<Omit<SnapshotApplyView, 'credentials'> | null>(null)
  credentials = $state<SnapshotCredential[]>([])

  /** The preview, while it still matches the connection, the text and the options on screen. */
  plan = $derived.by(() => {
    const previewed = this.previewed
    const isCurrent = previewed?.connectionId === this.connectionId() && previewed.text === this.text && previewed.removeExtras === this.removeExtras
    return isCurrent ? previewed : null
  })

  constructor(private readonly connectionId: () => string | null) {}

  /** Exports the server's state and saves it through the browser's download. */
  async export(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const exported = await this.#run('export', 'Could not export the snapshot', () => invoke('snapshots.export', { connectionId }))
    if (!exported) return
    download(exported.fileName, exported.text, 'application/json')
    this.exported = { fileName: exported.fileName, counts: exported.counts }
  }

  /** Reads a chosen file in the window (Electron and browser mode alike) and previews its plan. */
  async loadFile(file: File): Promise<void> {
    if (file.size > MAX_SNAPSHOT_BYTES) {
      this.action.error = { title: 'Could not load the snapshot', error: { code: 'INVALID_INPUT', message: `${file.name} is larger than 8 MiB, more than Gatehouse reads; check that it is an exported snapshot.` } }
      return
    }
    this.text = await file.text()
    this.fileName = file.name
    await this.preview()
  }

  /** Text typed or pasted by hand: named "pasted.json" in messages and the audit trail. */
  setText(text: string): void {
    this.text = text
    this.fileName = 'pasted.json'
  }

  async preview(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const { text, fileName, removeExtras } = this
    this.report = null
    const view = await this.#run('plan', 'Could not plan the snapshot', () => invoke('snapshots.plan', { connectionId, fileName, text, options: { removeExtras } }))
    this.previewed = view ? { connectionId, fileName, text, removeExtras, view } : null
  }

  /** Applies the previewed plan; when the server changed since, shows the refusal and the new plan. */
  async apply(): Promise<void> {
    const plan = this.plan
    if (!plan) return
    const { connectionId, fileName, text, removeExtras, view } = plan
    const expected = { fingerprint: view.fingerprint, steps: view.phases.reduce((sum, phase) => sum + phase.steps.length, 0) }
    const applied = await this.#run('apply', 'The snapshot was not applied', () => invoke('snapshots.apply', { connectionId, fileName, text, options: { removeExtras }, expected }))
    if (!applied) {
      const refusal = this.action.error
      if (refusal?.error.code === 'CONFLICT') await this.preview()
      this.action.error = refusal
      return
    }
    const { credentials, ...report } = applied
    this.credentials = [...this.credentials, ...credentials]
    this.report = report
    this.previewed = null
  }

  /** Drops a secret once the user has saved it; nothing keeps a copy. */
  dismissCredential(accessKey: string): void {
    this.credentials = this.credentials.filter((credential) => credential.accessKey !== accessKey)
  }

  async #run<T>(work: Work, title: string, call: () => Promise<Result<T>>): Promise<T | null> {
    this.working = work
    try {
      return await this.action.run(title, call)
    } finally {
      this.working = null
    }
  }
}

const KEY = Symbol('snapshots')

export function setSnapshots(state: SnapshotsState): SnapshotsState {
  return setContext(KEY, state)
}

export function useSnapshots(): SnapshotsState {
  return getContext<SnapshotsState>(KEY)
}
