import { beforeEach, describe, expect, it } from 'vitest'
import type { UserDetail, UserView } from '../../../src-main/api/users.contract.ts'

// The Electron bridge the transport calls, held open so a test decides which answer lands first:
// the order of overlapping answers is what the stale-answer guard is about, and a live server
// cannot be made to answer in a chosen order.
type Call = { channel: string; input: { accessKey?: string }; answer: (value: unknown) => void }
const calls: Call[] = []
Object.assign(globalThis, {
  window: { gatehouse: { invoke: (channel: string, input: Call['input']) => new Promise((answer) => calls.push({ channel, input, answer })) } },
})
const { UsersState } = await import('./users-state.svelte.ts')

const row = (accessKey: string): UserView => ({ accessKey, status: 'enabled', policies: [], memberOf: [] })
const detail = (accessKey: string): UserDetail => ({ ...row(accessKey), groups: [], effective: [] })
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Answers the oldest open call on `channel` (for users.get: of that user) with `value`. */
async function answer(channel: string, value: unknown, accessKey?: string): Promise<void> {
  await settle()
  const index = calls.findIndex((call) => call.channel === channel && (accessKey === undefined || call.input.accessKey === accessKey))
  expect(index, `an open ${channel} call`).toBeGreaterThanOrEqual(0)
  const [call] = calls.splice(index, 1)
  call?.answer({ ok: true, value })
  await settle()
}

const names = (users: readonly UserView[]) => users.map((user) => user.accessKey)

describe('UsersState answers that arrive out of order', () => {
  beforeEach(() => {
    calls.length = 0
  })

  it('drops an older users.list answer that arrives after a newer one', async () => {
    const state = new UsersState(() => 'connection-1')
    const older = state.load()
    const newer = state.load()
    // The calls in order: policies.list, users.list (older), policies.list, users.list (newer).
    const [, olderList, , newerList] = calls
    newerList?.answer({ ok: true, value: [row('bob')] })
    await answer('policies.list', [{ name: 'readwrite' }])
    await answer('policies.list', [{ name: 'stale-policy' }])
    olderList?.answer({ ok: true, value: [row('alice')] })
    await Promise.all([older, newer])
    expect(names(state.users)).toEqual(['bob'])
    expect(state.loading).toBe(false)
  })

  it('keeps a row read again while the list is in flight', async () => {
    const state = new UsersState(() => 'connection-1')
    const load = state.load()
    const refresh = state.refreshRows(['carol'], [])
    await answer('users.get', detail('carol'), 'carol')
    await refresh
    await answer('users.list', [row('alice')])
    await answer('policies.list', [])
    await load
    expect(names(state.users)).toEqual(['alice', 'carol'])
  })

  it('shows the detail of the user selected last, whichever read answers last', async () => {
    const state = new UsersState(() => 'connection-1')
    const first = state.select('alice')
    const second = state.select('bob')
    await answer('users.get', detail('bob'), 'bob')
    await answer('users.get', detail('alice'), 'alice')
    await Promise.all([first, second])
    expect(state.detail?.accessKey).toBe('bob')
  })
})

describe('UsersState after a change while the list loads', () => {
  beforeEach(() => {
    calls.length = 0
  })

  it('shows the created user even when the list, answering later, reads it again', async () => {
    const state = new UsersState(() => 'connection-1')
    const load = state.load()
    const create = state.create('carol', 'carol-secret-1')
    await answer('users.create', { accessKey: 'carol' })
    // The list answers before the re-read of carol; its own re-read of the selection follows.
    await answer('users.list', [row('alice')])
    await answer('policies.list', [])
    await answer('users.get', detail('carol'), 'carol')
    await create
    await answer('users.get', detail('carol'), 'carol')
    await load
    expect(names(state.users)).toEqual(['alice', 'carol'])
    expect(state.detail?.accessKey).toBe('carol')
  })
})
