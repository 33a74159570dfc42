import { beforeEach, describe, expect, it } from 'vitest'
import type { WhoCanView } from '../../../src-main/api/access.contract.ts'

// The Electron bridge the transport calls, held open so a test decides which answer lands first:
// who-can answers in two steps (users and groups, then with the access keys), and an older
// question's step must never show once a newer question is asked. A live server cannot be made to
// answer in a chosen order.
type Call = { channel: string; input: { action?: string; accessKeys?: boolean }; answer: (value: unknown) => void }
const calls: Call[] = []
Object.assign(globalThis, {
  window: { gatehouse: { invoke: (channel: string, input: Call['input']) => new Promise((answer) => calls.push({ channel, input, answer })) } },
})
const { AccessState } = await import('./access-state.svelte.ts')

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const view = (action: string, accessKeysRead: boolean, names: string[]): WhoCanView => ({
  action,
  resource: 'b/k',
  accessKeysRead,
  allowed: names.map((name) => ({ kind: name.startsWith('key') ? 'accessKey' : 'user', name, conditional: false, conditions: [], decidedBy: [], summary: '' })),
})

/** Answers the open who-can call for `action` and step (`accessKeys`) with `value`. */
async function answer(action: string, accessKeys: boolean, value: unknown): Promise<void> {
  await settle()
  const index = calls.findIndex((call) => call.input.action === action && call.input.accessKeys === accessKeys)
  expect(index, `an open who-can call for ${action} (accessKeys ${accessKeys})`).toBeGreaterThanOrEqual(0)
  const [call] = calls.splice(index, 1)
  call?.answer(value)
  await settle()
}

describe('AccessState who-can in two steps', () => {
  beforeEach(() => {
    calls.length = 0
  })

  it('shows users and groups first, then the answer with the keys replaces it', async () => {
    const state = new AccessState(() => 'connection-1')
    state.resource = 'b/k'
    const asked = state.askWhoCan()
    await answer('s3:GetObject', false, { ok: true, value: view('s3:GetObject', false, ['alice']) })
    expect(state.whoCan?.accessKeysRead).toBe(false)
    expect(state.keysPending).toBe(true)
    await answer('s3:GetObject', true, { ok: true, value: view('s3:GetObject', true, ['alice', 'key-1']) })
    await asked
    expect(state.whoCan?.allowed.map((entry) => entry.name)).toEqual(['alice', 'key-1'])
    expect(state.whoCanCounts).toEqual({ user: 1, accessKey: 1, group: 0 })
    expect(state.keysPending).toBe(false)
  })

  it('a newer question hides the older answer at once and drops the older key step, even its failure', async () => {
    const state = new AccessState(() => 'connection-1')
    state.resource = 'b/k'
    const older = state.askWhoCan()
    await answer('s3:GetObject', false, { ok: true, value: view('s3:GetObject', false, ['alice']) })
    state.action = 's3:PutObject'
    const newer = state.askWhoCan()
    expect(state.whoCan).toBeNull()
    await answer('s3:GetObject', true, { ok: false, error: { code: 'MINIO_SLOW', message: 'slow' } })
    await older
    expect(state.whoCan).toBeNull()
    expect(state.keysError).toBeNull()
    await answer('s3:PutObject', false, { ok: true, value: view('s3:PutObject', false, ['bob']) })
    expect(state.whoCan?.action).toBe('s3:PutObject')
    expect(state.keysPending).toBe(true)
    await answer('s3:PutObject', true, { ok: true, value: view('s3:PutObject', true, ['bob']) })
    await newer
    expect(state.whoCan).toMatchObject({ action: 's3:PutObject', accessKeysRead: true })
  })

  it('hides an answer asked of another connection', async () => {
    let connection = 'connection-1'
    const state = new AccessState(() => connection)
    state.resource = 'b/k'
    const asked = state.askWhoCan()
    await answer('s3:GetObject', false, { ok: true, value: view('s3:GetObject', false, ['alice']) })
    await answer('s3:GetObject', true, { ok: true, value: view('s3:GetObject', true, ['alice']) })
    await asked
    connection = 'connection-2'
    expect(state.whoCan).toBeNull()
  })
})
