import { getContext, setContext } from 'svelte'
import type { AccountView } from '../../../src-main/api/account.contract.ts'
import { invoke } from '../../lib/transport.ts'

type Can = AccountView['can']

/**
 * What the selected connection's credential may do (account.info), so the IAM screens can hide
 * what would be refused. Unknown (not loaded or failed) means "show everything": the server decides.
 */
export class AccountState {
  account = $state<AccountView | null>(null)
  private loadedFor: string | null = null

  async load(connectionId: string | null): Promise<void> {
    if (connectionId === this.loadedFor) return
    this.loadedFor = connectionId
    this.account = null
    if (!connectionId) return
    const result = await invoke('account.info', { connectionId })
    if (result.ok && this.loadedFor === connectionId) this.account = result.value
  }

  can(capability: keyof Can): boolean {
    return this.account ? this.account.can[capability] : true
  }
}

const KEY = Symbol('account')

export function setAccount(state: AccountState): AccountState {
  return setContext(KEY, state)
}

export function useAccount(): AccountState {
  return getContext<AccountState>(KEY)
}
