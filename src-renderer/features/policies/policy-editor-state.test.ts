import { beforeEach, describe, expect, it } from 'vitest'

// The Electron bridge the transport calls, held open so the test decides which answer lands first
// (as users-state.test.ts): a live server cannot be made to answer in a chosen order.
type Call = { channel: string; input: { policy?: string }; answer: (value: unknown) => void }
const calls: Call[] = []
Object.assign(globalThis, {
  window: { gatehouse: { invoke: (channel: string, input: Call['input']) => new Promise((answer) => calls.push({ channel, input, answer })) } },
})
const { PolicyEditorState } = await import('./policy-editor-state.svelte.ts')

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const caseNamed = (name: string) => ({ name, request: { action: 's3:GetObject', bucket: 'b', object: 'o', conditions: {} }, expect: 'allow' as const })
const resultOf = (name: string) => ({ name, expected: 'allow', actual: 'allow', passed: true, detail: '' })

/** Answers the oldest open call on `channel` for `policy`. */
async function answer(channel: string, policy: string, value: unknown): Promise<void> {
  await settle()
  const index = calls.findIndex((call) => call.channel === channel && call.input.policy === policy)
  expect(index, `an open ${channel} call for ${policy}`).toBeGreaterThanOrEqual(0)
  const [call] = calls.splice(index, 1)
  call?.answer({ ok: true, value })
  await settle()
}

describe('PolicyEditorState: saved cases of the policy open now, never of the one before', () => {
  beforeEach(() => {
    calls.length = 0
  })

  it('drops a case run of the previous policy that answers after another policy was opened', async () => {
    const state = new PolicyEditorState(() => 'conn-1')
    const openA = state.open('a', '{}')
    await answer('policyCases.list', 'a', [caseNamed('a-case')])
    // a's run is in flight; b (no cases) is opened.
    const openB = state.open('b', '{}')
    await answer('policyCases.list', 'b', [])
    await answer('policyCases.run', 'a', [resultOf('a-case')])
    await Promise.all([openA, openB])
    expect([state.policy, state.cases, state.results]).toEqual(['b', [], []])
  })

  it('keeps the cases of the open policy when a save for the previous one answers late', async () => {
    const state = new PolicyEditorState(() => 'conn-1')
    const openA = state.open('a', '{}')
    await answer('policyCases.list', 'a', [])
    await openA
    const saving = state.saveCase(caseNamed('a-case'))
    const openB = state.open('b', '{}')
    await answer('policyCases.list', 'b', [caseNamed('b-case')])
    await answer('policyCases.run', 'b', [resultOf('b-case')])
    await answer('policyCases.save', 'a', [caseNamed('a-case')])
    await Promise.all([saving, openB])
    expect([state.policy, state.cases.map((item) => item.name), state.results.map((item) => item.name)]).toEqual(['b', ['b-case'], ['b-case']])
  })
})
