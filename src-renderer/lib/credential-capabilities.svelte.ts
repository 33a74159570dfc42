import { getContext, setContext } from 'svelte'
import type { AccountView } from '../../src-main/api/account.contract.ts'
import { LatestCall } from './latest-call.ts'
import { invoke } from './transport.ts'

type Capability = keyof AccountView['can']

/**
 * What the selected connection's credential may do (account.info), shared by every IAM screen so
 * each hides what the server would refuse. Unknown (not loaded, or the read failed) means "show
 * everything": the server still decides.
 */
export class CredentialCapabilities {
  account = $state<AccountView | null>(null)
  readonly #loads = new LatestCall()

  constructor(private readonly connectionId: () => string | null) {}

  async load(): Promise<void> {
    const connectionId = this.connectionId()
    if (!connectionId) return
    const isLatest = this.#loads.begin()
    const result = await invoke('account.info', { connectionId })
    if (result.ok && isLatest()) this.account = result.value
  }

  can(capability: Capability): boolean {
    return this.account ? this.account.can[capability] : true
  }
}

const KEY = Symbol('credential-capabilities')

export function setCapabilities(state: CredentialCapabilities): CredentialCapabilities {
  return setContext(KEY, state)
}

export function useCapabilities(): CredentialCapabilities {
  return getContext<CredentialCapabilities>(KEY)
}
