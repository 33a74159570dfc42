import type { AccessKeyBulkReport, AccessKeyDetail } from '../../../src-main/api/access-keys.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { forEachConcurrently } from '../../lib/concurrently.ts'
import { KeyedSelection } from '../../lib/keyed-selection.svelte.ts'
import { invoke } from '../../lib/transport.ts'

/** Up to this many changed keys are read again one by one (accessKeys.get); beyond, the results patch the rows. */
const ROW_READ_LIMIT = 20
const ROW_READS_IN_FLIGHT = 2

/** What the bulk state needs of the Access keys screen. */
export interface KeyBulkHost {
  connectionId: () => string | null
  /** Patches a row with what the server now reports of its key. */
  patchRow: (accessKey: string, fields: { status: 'enabled' | 'disabled'; name?: string | undefined; hasSessionPolicy?: boolean }) => void
}

/**
 * The Access keys screen's selection (the Users screen's mechanism: by key, surviving filtering and
 * scrolling, one connection's) and its bulk disable: one audited change and one result per key; the
 * keys not done stay selected for a retry.
 */
export class AccessKeysBulkState {
  readonly selection: KeyedSelection
  busy = $state(false)
  error = $state<{ title: string; error: AppError } | null>(null)
  report = $state<(AccessKeyBulkReport & { summary: string }) | null>(null)

  constructor(private readonly host: KeyBulkHost) {
    this.selection = new KeyedSelection(host.connectionId, () => (this.report = null))
  }

  async run(status: 'enabled' | 'disabled'): Promise<void> {
    this.selection.adoptConnection()
    const connectionId = this.host.connectionId()
    const accessKeys = [...this.selection.selected].sort()
    if (!connectionId || accessKeys.length === 0) return
    this.busy = true
    this.error = null
    this.report = null
    const result = await invoke('accessKeys.bulkSetStatus', { connectionId, accessKeys, status })
    this.busy = false
    if (!result.ok) {
      this.error = { title: `Could not ${status === 'enabled' ? 'enable' : 'disable'} the access keys`, error: result.error }
      return
    }
    const verb = status === 'enabled' ? 'Enable' : 'Disable'
    this.report = { ...result.value, summary: `${verb} ${accessKeys.length} access key${accessKeys.length === 1 ? '' : 's'}` }
    const done = result.value.results.filter((item) => item.status === 'ok').map((item) => item.accessKey)
    this.selection.change(done, false)
    await this.#refresh(connectionId, done, status)
  }

  /** Reads the changed keys again (a few), or trusts the per-key results (many). */
  async #refresh(connectionId: string, done: string[], status: 'enabled' | 'disabled'): Promise<void> {
    if (done.length > ROW_READ_LIMIT) {
      for (const accessKey of done) this.host.patchRow(accessKey, { status })
      return
    }
    await forEachConcurrently(done, ROW_READS_IN_FLIGHT, async (accessKey) => {
      const key = await invoke('accessKeys.get', { connectionId, accessKey })
      if (key.ok) this.host.patchRow(accessKey, factsOf(key.value))
    })
  }
}

function factsOf(key: AccessKeyDetail) {
  return { status: key.status, name: key.name, hasSessionPolicy: !key.impliedPolicy }
}
