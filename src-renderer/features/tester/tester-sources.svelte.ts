import { getContext, setContext } from 'svelte'
import type { PolicyCaseInput } from '../../../src-main/api/policy-cases.contract.ts'
import type { TesterIamState } from '../../../src-main/api/tester.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { invoke } from '../../lib/transport.ts'
import type { TesterState } from './tester-state.svelte.ts'

/** Loading a principal into the tester: from an IAM snapshot file, or read live from a connection. */
export class TesterSources {
  snapshot = $state<TesterIamState | null>(null)
  liveUsers = $state<Array<{ name: string; enabled: boolean }>>([])
  /** The last user loaded from a connection, with its access keys. */
  live = $state<TesterIamState | null>(null)
  /** The connection the live user came from: object tags are read there. */
  liveConnectionId = $state<string | null>(null)
  tagsNote = $state('')
  busy = $state(false)
  error = $state<{ title: string; error: AppError } | null>(null)

  constructor(private readonly tester: TesterState) {}

  /** Reads the file in the window (works the same in Electron and browser mode) and parses it in main. */
  async loadSnapshotFile(file: File): Promise<void> {
    const state = await this.#run('Could not load the snapshot', async () => invoke('tester.loadSnapshot', { fileName: file.name, text: await file.text() }))
    if (!state) return
    this.snapshot = state
    const first = state.users[0]
    if (first) this.tester.applyPrincipal(state, `user:${first.name}`)
  }

  /** `user:<name>` or `key:<accessKey>` of the loaded snapshot. */
  useSnapshotPrincipal(principal: string): void {
    if (this.snapshot) this.tester.applyPrincipal(this.snapshot, principal)
  }

  async loadLiveUsers(connectionId: string): Promise<void> {
    const users = await this.#run('Could not list the users of the connection', () => invoke('users.list', { connectionId }))
    this.liveUsers = (users ?? []).map((user) => ({ name: user.accessKey, enabled: user.status === 'enabled' }))
  }

  useLivePrincipal(principal: string): void {
    if (this.live) this.tester.applyPrincipal(this.live, principal)
  }

  async loadLiveUser(connectionId: string, user: string): Promise<void> {
    const state = await this.#run(`Could not load user '${user}'`, () => invoke('tester.loadPrincipal', { connectionId, user }))
    if (state) {
      this.live = state
      this.liveConnectionId = connectionId
      this.tester.applyPrincipal(state, `user:${user}`)
    }
  }

  /** Fills the question's stored tags with the object's real tags (GET/HEAD/tagging checks read them). */
  async readObjectTags(): Promise<void> {
    const { bucket, object, fields } = this.tester
    if (!this.liveConnectionId || !bucket.trim() || !object) return
    const versionId = fields.versionId.trim()
    const found = await this.#run(`Could not read the tags of ${bucket}/${object}`, () =>
      invoke('tester.objectTags', { connectionId: this.liveConnectionId!, bucket: bucket.trim(), key: object, ...(versionId ? { versionId } : {}) }))
    if (!found) return
    fields.storedTags = Object.entries(found.tags).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
    this.tagsNote = found.exists ? `${Object.keys(found.tags).length} tag(s) read from the server.` : 'No such object on the server: MinIO would check it without tags.'
  }

  /** Saves the answered question as a case of one of the live connection's policies (run by its editor). */
  async saveCase(policy: string, item: PolicyCaseInput): Promise<boolean> {
    const connectionId = this.liveConnectionId
    if (!connectionId) return false
    return (await this.#run(`Could not save case '${item.name}'`, () => invoke('policyCases.save', { connectionId, policy, case: item }))) !== null
  }

  async #run<T>(title: string, call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>): Promise<T | null> {
    this.busy = true
    this.error = null
    try {
      const result = await call()
      if (result.ok) return result.value
      this.error = { title, error: result.error }
      return null
    } finally {
      this.busy = false
    }
  }
}

const KEY = Symbol('tester-sources')

export function setTesterSources(sources: TesterSources): TesterSources {
  return setContext(KEY, sources)
}

export function useTesterSources(): TesterSources {
  return getContext<TesterSources>(KEY)
}
