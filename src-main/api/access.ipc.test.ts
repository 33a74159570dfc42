import { describe, expect, it } from 'vitest'
import type { AppServices } from '../services/app-services.ts'
import { accessHandlers } from './access.ipc.ts'
import { dispatch, type Handlers } from './dispatch.ts'

// Bad questions are refused before any server is read: no service is touched.
const handlers = accessHandlers({} as AppServices) as unknown as Handlers
const log = { warn: () => {}, error: () => {} }
const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, log)

describe('access channels refuse bad input before reading the server', () => {
  it('an action pattern, an unknown action and a wildcard bucket are INVALID_INPUT naming the fix', async () => {
    expect(await call('access.whoCan', { connectionId: 'c1', action: 's3:Get*', resource: 'logs/a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('not a pattern') } })
    expect(await call('access.whoCan', { connectionId: 'c1', action: 's3:Fly', resource: 'logs/a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining("'s3:Fly' is not an action MinIO knows") } })
    expect(await call('access.whoCan', { connectionId: 'c1', action: 's3:GetObject', resource: 'log*/a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('no wildcards') } })
  })

  it('the schema refuses a missing connection and an unknown principal kind', async () => {
    expect(await call('access.whoCan', { connectionId: '', action: 's3:GetObject', resource: 'logs' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call('access.matrix', { connectionId: 'c1', principal: { kind: 'role', name: 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('access channels bound the supplied conditions', () => {
  // Each matrix cell carries the whole map on the main thread: an unbounded map froze the process.
  const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, ['v']]))
  it('more than 50 condition keys are INVALID_INPUT before the server is read', async () => {
    const refused = { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('at most 50 condition keys') } }
    expect(await call('access.whoCan', { connectionId: 'c1', action: 's3:GetObject', resource: 'logs/a', conditions: many })).toMatchObject(refused)
    expect(await call('access.matrix', { connectionId: 'c1', principal: { kind: 'user', name: 'alice' }, conditions: many })).toMatchObject(refused)
  })
})

describe('a refusal never echoes a huge input', () => {
  it('a megabyte condition key is named in a few hundred characters, in the answer and the log', async () => {
    const logged: string[] = []
    const key = 'k'.repeat(1_000_000)
    const answer = await dispatch(handlers, 'access.whoCan', { connectionId: 'c1', action: 's3:GetObject', resource: 'logs', conditions: { [key]: ['v'] }, [key]: 1 }, { warn: (line) => logged.push(line), error: (line) => logged.push(line) })
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('conditions.kkkk') } })
    expect(answer.ok ? 0 : answer.error.message.length).toBeLessThan(2_000)
    expect(logged.join('').length).toBeLessThan(2_000)
  })
})
