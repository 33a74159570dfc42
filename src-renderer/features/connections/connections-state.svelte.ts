import { getContext, setContext } from 'svelte'
import type { ChannelInput, ConnectionView, ServerSummary } from '../../../src-main/api/contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { invoke } from '../../lib/transport.ts'

export type TestStatus = { state: 'running' } | { state: 'ok'; info: ServerSummary } | { state: 'failed'; error: AppError }
export type ConnectionForm = ChannelInput<'connections.create'>

/** Connection profiles, the selected one, and the last test result of each. */
export class ConnectionsState {
  connections = $state<ConnectionView[]>([])
  loaded = $state(false)
  error = $state<AppError | null>(null)
  selectedId = $state<string | null>(null)
  tests = $state<Record<string, TestStatus>>({})
  selected = $derived(this.connections.find((connection) => connection.id === this.selectedId) ?? null)

  async load(): Promise<void> {
    const result = await invoke('connections.list', {})
    this.loaded = true
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.connections = result.value
    if (!this.selected) this.selectedId = this.connections[0]?.id ?? null
  }

  /** Creates or updates; returns the error for the form to show, or null on success. */
  async save(form: ConnectionForm, id?: string): Promise<AppError | null> {
    const result = id ? await invoke('connections.update', { ...form, id }) : await invoke('connections.create', form)
    if (!result.ok) return result.error
    await this.load()
    this.selectedId = result.value.id
    return null
  }

  async remove(id: string): Promise<AppError | null> {
    const result = await invoke('connections.remove', { id })
    if (!result.ok) return result.error
    delete this.tests[id]
    if (this.selectedId === id) this.selectedId = null
    await this.load()
    return null
  }

  async test(id: string): Promise<void> {
    this.tests[id] = { state: 'running' }
    const result = await invoke('connections.test', { id })
    this.tests[id] = result.ok ? { state: 'ok', info: result.value } : { state: 'failed', error: result.error }
  }
}

const KEY = Symbol('connections')

export function setConnections(state: ConnectionsState): ConnectionsState {
  return setContext(KEY, state)
}

export function useConnections(): ConnectionsState {
  return getContext<ConnectionsState>(KEY)
}
