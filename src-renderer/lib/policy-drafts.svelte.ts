import { getContext, setContext } from 'svelte'

/** A policy document handed to the Policies editor as an unsaved draft (never saved by itself). */
export interface PolicyDraft {
  /** The policy to open with this text, or the name a new policy gets. */
  name: string
  text: string
  /** Open as a new policy even when one of that name exists (a template). */
  isNew?: boolean
  /** The connection the draft is for (the tester's live principal); the selected one when absent. */
  connectionId?: string
}

/**
 * Hands a draft from one screen (the tester's suggestions) to the Policies editor of a connection:
 * `open` parks it and asks the shell to show the Policies screen; that screen's state takes it.
 */
export class PolicyDrafts {
  pending = $state<PolicyDraft | null>(null)

  constructor(private readonly show: (draft: PolicyDraft) => void) {}

  open(draft: PolicyDraft): void {
    this.pending = draft
    this.show(draft)
  }

  /**
   * The parked draft, once, for the connection whose Policies screen is showing: a draft made for
   * another connection stays parked (it never opens in, let alone saves to, the wrong server).
   */
  takeFor(connectionId: string): PolicyDraft | null {
    const draft = this.pending
    if (!draft || (draft.connectionId !== undefined && draft.connectionId !== connectionId)) return null
    this.pending = null
    return draft
  }
}

const KEY = Symbol('policy-drafts')

export function setPolicyDrafts(drafts: PolicyDrafts): PolicyDrafts {
  return setContext(KEY, drafts)
}

export function usePolicyDrafts(): PolicyDrafts {
  return getContext<PolicyDrafts>(KEY)
}
