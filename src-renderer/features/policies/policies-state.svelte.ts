import { getContext, setContext } from 'svelte'
import type { PolicyDetail, PolicyEntitiesView, PolicyIssue, PolicySummary } from '../../../src-main/api/policies.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { ActionState } from '../../lib/action-state.svelte.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'
import type { PolicyDraft } from '../../lib/policy-drafts.svelte.ts'

export const NEW_POLICY_TEMPLATE = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": ["arn:aws:s3:::my-bucket/*"]
    }
  ]
}
`

/**
 * The Policies screen: the list, the open policy (view, edit or create), live validation of the
 * editor text, and who uses the policy. The draft is only replaced when another policy is opened,
 * never by a failed save.
 */
export class PoliciesState {
  policies = $state<PolicySummary[]>([])
  loadError = $state<AppError | null>(null)
  filter = $state('')
  open = $state<PolicyDetail | null>(null)
  isCreating = $state(false)
  /** Bumped whenever the editor must load a new text (another policy opened). */
  editorKey = $state(0)
  draft = $state('')
  /** The name field of a new policy (a draft may bring one). */
  newName = $state('')
  issues = $state<PolicyIssue[]>([])
  /** The text `issues` describe (their fixes apply to exactly this text). */
  checkedText = $state('')
  hasErrors = $state(false)
  entities = $state<PolicyEntitiesView | null>(null)
  /** Set when a delete was refused because the policy is attached (§4.1). */
  inUse = $state<PolicyEntitiesView | null>(null)
  readonly action = new ActionState()
  readonly #loads = new LatestCall()
  readonly #validations = new LatestCall()

  filtered = $derived.by(() => {
    const needle = this.filter.trim().toLowerCase()
    return needle ? this.policies.filter((policy) => policy.name.toLowerCase().includes(needle)) : this.policies
  })
  isDirty = $derived(this.isCreating || (this.open !== null && this.draft !== this.open.text))

  constructor(private readonly connectionId: () => string | null) {}

  async load(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const isLatest = this.#loads.begin()
    const result = await invoke('policies.list', { connectionId })
    if (!isLatest()) return
    this.loadError = result.ok ? null : result.error
    this.policies = result.ok ? result.value : []
  }

  private reset(text: string): void {
    this.draft = text
    this.issues = []
    this.hasErrors = false
    this.inUse = null
    this.entities = null
    this.editorKey++
    this.action.clear()
    void this.validate(text)
  }

  startCreate(): void {
    this.open = null
    this.isCreating = true
    this.newName = ''
    this.reset(NEW_POLICY_TEMPLATE)
  }

  /**
   * Opens a handed-over document as an unsaved draft: in the policy of that name when it exists
   * (and the draft is not a new one), else as a new policy with the name filled in. Never saves.
   */
  async openDraft(draft: PolicyDraft): Promise<void> {
    await this.load()
    const exists = !draft.isNew && this.policies.some((policy) => policy.name === draft.name)
    if (exists) await this.select(draft.name)
    if (!exists || this.open?.name !== draft.name) {
      this.startCreate()
      this.newName = draft.name
    }
    // The editor loads the draft; the open policy keeps its text, so the draft shows as unsaved.
    this.draft = draft.text
    this.editorKey++
    void this.validate(draft.text)
  }

  async select(name: string): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    this.isCreating = false
    const detail = await this.action.run(`Could not read policy '${name}'`, () => invoke('policies.get', { connectionId, name }))
    if (!detail) return
    this.open = detail
    this.reset(detail.text)
    await this.loadEntities(name)
  }

  async loadEntities(name: string): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const result = await invoke('policies.entities', { connectionId, name })
    if (this.open?.name === name) this.entities = result.ok ? result.value : null
  }

  /** Live validation of the editor text; an older answer never overwrites a newer one. */
  async validate(text: string): Promise<void> {
    this.draft = text
    const isLatest = this.#validations.begin()
    const result = await invoke('policies.validate', { text, kind: 'canned' })
    if (!isLatest() || !result.ok) return
    this.issues = result.value.issues
    this.checkedText = text
    this.hasErrors = result.value.hasErrors
  }

  /** Creates or updates from the draft. On failure the draft stays as typed. */
  async save(name: string): Promise<boolean> {
    const connectionId = this.connectionId()
    if (!connectionId) return false
    const text = this.draft
    const saved = this.isCreating
      ? await this.action.run('Could not create the policy', () => invoke('policies.create', { connectionId, name, text }))
      : await this.action.run('Could not save the policy', () => invoke('policies.update', { connectionId, name, text }))
    if (!saved) return false
    await this.load()
    await this.select(saved.name)
    return true
  }

  /**
   * How many saved cases (on this machine) the open policy has, for its delete confirmation: a
   * number, or the error that kept them from being read (they are then neither counted nor offered).
   */
  async savedCaseCount(): Promise<{ count: number } | { error: AppError } | null> {
    const connectionId = this.connectionId()
    const policy = this.open?.name
    if (!connectionId || !policy) return null
    const cases = await invoke('policyCases.list', { connectionId, policy })
    return cases.ok ? { count: cases.value.length } : { error: cases.error }
  }

  /** Deletes the open policy; `deleteSavedCases` (off unless asked) takes its saved cases along. */
  async remove(options: { deleteSavedCases?: boolean } = {}): Promise<boolean> {
    const connectionId = this.connectionId()
    const name = this.open?.name
    if (!connectionId || !name) return false
    const deleteSavedCases = options.deleteSavedCases === true
    const removed = await this.action.run(`Could not delete policy '${name}'`, () => invoke('policies.remove', { connectionId, name, deleteSavedCases }))
    const details = this.action.error?.error.code === 'CONFLICT' ? this.action.error.error.details : undefined
    this.inUse = details ? { users: asNames(details['users']), groups: asNames(details['groups']) } : null
    // The in-use notice explains this refusal and offers the fix: no second notice for it.
    if (this.inUse) this.action.clear()
    if (!removed) return false
    this.open = null
    await this.load()
    return true
  }

  /** Detaches the open policy from one user or group, then re-reads who uses it. */
  async detachFrom(target: { user: string } | { group: string }): Promise<void> {
    const connectionId = this.connectionId()
    const name = this.open?.name
    if (!connectionId || !name) return
    const who = 'user' in target ? `user '${target.user}'` : `group '${target.group}'`
    await this.action.run(`Could not detach '${name}' from ${who}`, () => invoke('policies.detach', { connectionId, target, policies: [name] }))
    this.inUse = null
    await this.loadEntities(name)
  }

  /** The in-use way out: detach from every user and group, then delete. */
  async detachEverywhereAndRemove(options: { deleteSavedCases?: boolean } = {}): Promise<boolean> {
    const connectionId = this.connectionId()
    const name = this.open?.name
    if (!connectionId || !name) return false
    const detached = await this.action.run(`Could not detach '${name}'`, () => invoke('policies.detachEverywhere', { connectionId, name }))
    if (!detached) return false
    return this.remove(options)
  }
}

function asNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

const KEY = Symbol('policies')

export function setPolicies(state: PoliciesState): PoliciesState {
  return setContext(KEY, state)
}

export function usePolicies(): PoliciesState {
  return getContext<PoliciesState>(KEY)
}
