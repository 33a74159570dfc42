import { writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Handlers } from '../api/dispatch.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { startBrowserMode, type BrowserModeLimits, type BrowserModeServer } from './server.ts'

// The edges an outside attack found: each refusal is a Result, and no client holds the server.
const tempDir = useTempDirs()
let gate: Promise<void> = Promise.resolve()
const handlers = new Proxy({} as Handlers, {
  get: (_, channel) => async () => {
    if (channel !== 'app.info') throw new Error(`unexpected call ${String(channel)}`)
    await gate
    return { version: '1', transport: 'browser', dataDir: '/d', keychain: 'k' }
  },
})

const servers: BrowserModeServer[] = []
afterEach(async () => {
  gate = Promise.resolve()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function start(limits: Partial<BrowserModeLimits> = {}): Promise<BrowserModeServer> {
  const staticDir = tempDir('gatehouse-static-')
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Gatehouse</title>')
  const server = await startBrowserMode({ handlers, staticDir, limits, log: { warn: () => {}, error: () => {} } })
  servers.push(server)
  return server
}

const hostOf = (server: BrowserModeServer) => new URL(server.url).host

/** Sends raw bytes; resolves with everything the server wrote once it closes the connection. */
function raw(server: BrowserModeServer, text: string, keepOpen = false): { socket: Socket; reply: Promise<string> } {
  const url = new URL(server.url)
  const socket = connect(Number(url.port), url.hostname)
  let received = ''
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString()
    if (!keepOpen && /\r\n\r\n/.test(received) && /content-length: (\d+)/i.test(received)) {
      const length = Number(/content-length: (\d+)/i.exec(received)![1])
      if (Buffer.byteLength(received.split('\r\n\r\n').slice(1).join('\r\n\r\n')) >= length) socket.end()
    }
  })
  const reply = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  socket.on('error', () => {})
  socket.write(text)
  return { socket, reply }
}

function call(server: BrowserModeServer, channel: string, headers: Record<string, string> = {}, body = '{}'): Promise<Response> {
  return fetch(`${server.url}/api/invoke/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers }, body })
}

function bodyOf(reply: string): unknown {
  return JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))
}

describe('browser mode edges', () => {
  it('answers bad percent-encoding with 400 in the Result envelope, with or without a token', async () => {
    const server = await start()
    const page = await fetch(`${server.url}/%E0%A4%A`)
    expect(page.status).toBe(400)
    expect(await page.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'The request path has bad percent-encoding.' } })
    const api = await call(server, '%ZZ')
    expect(api.status).toBe(400)
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT')
  })

  it('refuses an absolute-form target even with a good Host', async () => {
    const server = await start()
    const { reply } = raw(server, `POST http://evil.example/api/invoke/app.info HTTP/1.1\r\nHost: ${hostOf(server)}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`)
    const text = await reply
    expect(text).toMatch(/^HTTP\/1\.1 400/)
    expect(bodyOf(text)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Only origin-form request targets (/path) are served.' } })
  })

  it('compares Origin as scheme, host and port', async () => {
    const server = await start()
    for (const origin of [hostOf(server), `https://${hostOf(server)}`, `${server.url}/x`, 'null', `http://${hostOf(server)}.evil.example`]) {
      const reply = await call(server, 'app.info', { origin })
      expect({ origin, status: reply.status }).toEqual({ origin, status: 403 })
      expect(((await reply.json()) as { ok: boolean }).ok).toBe(false)
    }
    expect((await call(server, 'app.info', { origin: server.url })).status).toBe(200)
  })

  it('wants Content-Type application/json exactly, parameters allowed', async () => {
    const server = await start()
    expect((await call(server, 'app.info', { 'content-type': 'application/jsonx' })).status).toBe(415)
    expect((await call(server, 'app.info', { 'content-type': 'application/json+evil' })).status).toBe(415)
    const refused = await call(server, 'app.info', { 'content-type': 'text/plain' })
    expect(await refused.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Send the request body as application/json.' } })
    expect((await call(server, 'app.info', { 'content-type': 'Application/JSON; charset=utf-8' })).status).toBe(200)
  })

  it('closes a connection that sends nothing', async () => {
    const server = await start({ idleTimeoutMs: 200 })
    const { reply } = raw(server, '', true)
    expect(await reply).toBe('')
  })

  it('ends a body that trickles in slower than the request timeout', async () => {
    const server = await start({ requestTimeoutMs: 500, headersTimeoutMs: 500, idleTimeoutMs: 60_000 })
    const { socket, reply } = raw(server, `POST /api/invoke/app.info HTTP/1.1\r\nHost: ${hostOf(server)}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, true)
    const drip = setInterval(() => socket.writable && socket.write(' '), 100)
    const text = await reply
    clearInterval(drip)
    expect(text === '' || /^HTTP\/1\.1 408/.test(text)).toBe(true)
  })

  it('caps concurrent requests: one over the cap is RATE_LIMITED, and answered meanwhile', async () => {
    const server = await start({ maxConcurrentRequests: 2 })
    let release: () => void = () => {}
    gate = new Promise((resolve) => (release = resolve))
    const held = [call(server, 'app.info'), call(server, 'app.info')]
    await new Promise((resolve) => setTimeout(resolve, 200)) // both reach the held handler
    const over = await call(server, 'app.info')
    expect(over.status).toBe(503)
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED')
    release()
    expect((await Promise.all(held)).map((reply) => reply.status)).toEqual([200, 200])
  })

  it('caps bytes of bodies in flight and refuses bodies over the limit before reading them', async () => {
    const server = await start({ maxBodyBytes: 600_000, maxBodyBytesInFlight: 1_000_000 })
    const head = (length: number) => `POST /api/invoke/app.info HTTP/1.1\r\nHost: ${hostOf(server)}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`
    const first = raw(server, `${head(500_000)}{"a":"`, true) // admitted, then stalls mid-body
    await new Promise((resolve) => setTimeout(resolve, 200))
    const second = await raw(server, `${head(550_000)}{}`).reply
    expect(second).toMatch(/^HTTP\/1\.1 503/)
    expect(bodyOf(second)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    const tooBig = await raw(server, `${head(700_000)}{}`).reply
    expect(tooBig).toMatch(/^HTTP\/1\.1 413/)
    first.socket.destroy()
  })

  it('opens with a one-time ticket, never the token itself', async () => {
    const server = await start()
    const openUrl = server.openUrl
    expect(openUrl).toMatch(/#ticket=/)
    expect(openUrl).not.toContain(server.token)
    expect(server.openUrl).not.toBe(openUrl)
    const ticket = new URL(openUrl).hash.replace('#ticket=', '')
    const trade = () => fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket }) })
    expect(await (await trade()).json()).toEqual({ ok: true, value: { token: server.token } })
    const again = await trade()
    expect(again.status).toBe(401)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('NOT_CONNECTED')
  })
})
