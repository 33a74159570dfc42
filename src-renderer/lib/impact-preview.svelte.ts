import { getContext, setContext } from 'svelte'
import type { ImpactChange, ImpactView } from '../../src-main/api/impact.contract.ts'
import type { AppError } from '../../src-main/api/result.ts'
import { LatestCall } from './latest-call.ts'
import { invoke } from './transport.ts'

export type ImpactStatus = 'loading' | 'ready' | 'failed'

/** The connection a preview asks about: set once per connection scope (app-state.svelte.ts). */
export class ImpactSource {
  constructor(readonly connectionId: () => string | null) {}
}

/**
 * One preview's answer: `load(change)` asks access.impact; only the newest change's answer is kept
 * (the editor's text may change while a preview is in flight). Never throws.
 */
export class ImpactPreviewState {
  status = $state<ImpactStatus>('loading')
  view = $state.raw<ImpactView | null>(null)
  error = $state<AppError | null>(null)
  readonly #calls = new LatestCall()

  constructor(private readonly source: ImpactSource) {}

  async load(change: ImpactChange): Promise<void> {
    const isLatest = this.#calls.begin()
    this.status = 'loading'
    const connectionId = this.source.connectionId()
    const result = connectionId
      ? await invoke('access.impact', { connectionId, change })
      : ({ ok: false, error: { code: 'NOT_CONNECTED', message: 'Choose a connection first.' } } as const)
    if (!isLatest()) return
    this.view = result.ok ? result.value : null
    this.error = result.ok ? null : result.error
    this.status = result.ok ? 'ready' : 'failed'
  }
}

const KEY = Symbol('impact-source')

export function setImpactSource(source: ImpactSource): ImpactSource {
  return setContext(KEY, source)
}

export function useImpactSource(): ImpactSource {
  return getContext<ImpactSource>(KEY)
}
