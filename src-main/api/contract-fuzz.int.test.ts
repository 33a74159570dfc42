import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DEFAULT_LIMITS, startBrowserMode, type BrowserModeServer } from '../browser/server.ts'
import type { AppServices } from '../services/app-services.ts'
import { openAppServices } from '../services/open-app-services.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { contract } from './contract.ts'
import { createHandlers } from './handlers.ts'

// Every channel, over browser mode with the real services (real keyring under
// scripts/with-keyring.sh, real SQLite): inputs generated from the channel's own schema, then made
// hostile. The server must stay up, answer app.info between calls, never answer 500 and never
// leave a rejection unhandled or a prototype polluted.
const tempDir = useTempDirs()
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: Json[]; anyOf?: Schema[]; oneOf?: Schema[]; additionalProperties?: Schema | boolean; minLength?: number; maxLength?: number; const?: Json }

let seed = 13
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!

const HOSTILE_STRINGS = ['', '__proto__', 'constructor', '%ZZ', '\u0000', 'a'.repeat(1 << 20), '*'.repeat(5000), '\ud800', '${7*7}', '<script>alert(1)</script>']
const HOSTILE_VALUES: Json[] = [null, 42, -1, 1e308, true, 'x', [], {}, JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as Json]

function deep(depth: number): Json {
  let value: Json = 'bottom'
  for (let level = 0; level < depth; level++) value = random() < 0.5 ? [value] : { a: value }
  return value
}

/** A value that mostly fits `schema`, with hostile parts mixed in at every level. */
function generate(schema: Schema, depth = 0): Json {
  if (random() < 0.1 || depth > 6) return pick(HOSTILE_VALUES)
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return pick(schema.enum)
  const choices = schema.anyOf ?? schema.oneOf
  if (choices) return generate(pick(choices), depth + 1)
  const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type
  switch (type) {
    case 'string':
      return random() < 0.4 ? pick(HOSTILE_STRINGS) : 'x'.repeat(Math.max(schema.minLength ?? 1, Math.floor(random() * 12)))
    case 'integer':
    case 'number':
      return pick([0, 1, 10, -5, 2 ** 53, 3.5])
    case 'boolean':
      return random() < 0.5
    case 'array':
      return Array.from({ length: pick([0, 1, 3, 200]) }, () => generate(schema.items ?? {}, depth + 1))
    case 'object': {
      const value: Record<string, Json> = {}
      for (const [key, property] of Object.entries(schema.properties ?? {})) if (random() < 0.8) value[key] = generate(property, depth + 1)
      if (random() < 0.3) Object.assign(value, JSON.parse('{"__proto__":{"polluted":true},"constructor":"x"}') as Record<string, Json>)
      return value
    }
    default:
      return pick([...HOSTILE_VALUES, deep(40)])
  }
}

describe('contract fuzz over browser mode', () => {
  let services: AppServices
  let server: BrowserModeServer
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    const dataDir = tempDir('gatehouse-fuzz-')
    writeFileSync(join(dataDir, 'index.html'), '<!doctype html>')
    services = await openAppServices({ dataDir })
    server = await startBrowserMode({ handlers: createHandlers(services, { transport: 'browser', version: 'fuzz' }), staticDir: dataDir, log: { warn: () => {}, error: () => {} } })
  })
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    for (const connection of await services.connections.list()) await services.connections.remove(connection.id)
    await server.close()
    services.close()
  })

  const post = async (channel: string, body: string) => {
    const reply = await fetch(`${server.url}/api/invoke/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body })
    return { status: reply.status, result: (await reply.json()) as { ok: boolean; error?: { code: string; message: string } } }
  }
  const send = async (channel: string, body: string) => {
    try {
      return await post(channel, body)
    } catch (error) {
      // A body over the limit is refused (413) before it is read and the connection closed, so the
      // client may see the reset while still uploading.
      if (Buffer.byteLength(body) > DEFAULT_LIMITS.maxBodyBytes) return { status: 413, result: { ok: false } }
      // A kept-alive socket the server closed after an idle wait (a 5 s evaluation budget can leave
      // one idle that long) may be reused by the client as it closes: one retry, on a new socket.
      // A server that really drops the request fails the second time too.
      if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error
      return post(channel, body)
    }
  }

  it.each(Object.keys(contract))('%s survives generated and hostile input', async (channel) => {
    const schema = z.toJSONSchema(contract[channel as keyof typeof contract].input, { unrepresentable: 'any', io: 'input' }) as Schema
    // Deep nesting written as text (JSON.stringify itself would overflow on it).
    const nested = [`${'['.repeat(20_000)}${']'.repeat(20_000)}`, `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`]
    const bodies = [...Array.from({ length: 25 }, () => JSON.stringify(generate(schema))), ...nested, '[]', 'null', '"x"', '{"__proto__":{"polluted":true}}']
    for (const body of bodies) {
      const { status, result } = await send(channel, body)
      expect({ channel, body: body.slice(0, 120), status, internal: result.error?.code === 'INTERNAL' }).toEqual({ channel, body: body.slice(0, 120), status: expect.not.toSatisfy((code: number) => code >= 500) as number, internal: false })
      expect(typeof result.ok).toBe('boolean')
      expect((await send('app.info', '{}')).result.ok).toBe(true)
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(unhandled).toEqual([])
  })
})
