import { writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Handlers } from '../api/dispatch.ts'
import { AppFailure } from '../api/result.ts'
import { startBrowserMode, type BrowserModeServer } from './server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

// Only the channels the test calls do anything; the rest must never be reached.
const handlers = new Proxy({} as Handlers, {
  get: (_, channel) => {
    if (channel === 'app.info') return async () => ({ version: '1', transport: 'browser', dataDir: '/d', keychain: 'k', secret: 'must-be-stripped' })
    if (channel === 'connections.remove') return async () => { throw new AppFailure('NOT_FOUND', 'No connection with id x.') }
    return async () => { throw new Error(`unexpected call ${String(channel)}`) }
  },
})

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(server: BrowserModeServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, server.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers, setHost: !options.headers?.host }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('browser mode server', () => {
  let server: BrowserModeServer
  let auth: Record<string, string>
  beforeAll(async () => {
    const staticDir = tempDir('gatehouse-static-')
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Gatehouse</title>')
    server = await startBrowserMode({ handlers, staticDir, log: { warn: () => {}, error: () => {} } })
    auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }
  })
  afterAll(() => server.close())

  it('listens on 127.0.0.1 and puts the token in the URL fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.openUrl).toMatch(/#ticket=[\w-]{32}$/)
    expect(server.token.length).toBeGreaterThanOrEqual(40)
  })

  it('answers a valid call with the Result, stripped to the contract', async () => {
    const reply = await send(server, '/api/invoke/app.info', { headers: auth, body: '{}' })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { version: '1', transport: 'browser', dataDir: '/d', keychain: 'k' } })
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('returns expected failures as error values', async () => {
    const reply = await send(server, '/api/invoke/connections.remove', { headers: auth, body: '{"id":"x"}' })
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No connection with id x.' } })
  })

  it('refuses a missing or wrong token', async () => {
    expect((await send(server, '/api/invoke/app.info', { headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401)
    const wrong = { ...auth, authorization: `Bearer ${server.token.slice(0, -1)}x` }
    expect((await send(server, '/api/invoke/app.info', { headers: wrong, body: '{}' })).status).toBe(401)
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (cross-site)', async () => {
    expect((await send(server, '/api/invoke/app.info', { headers: { ...auth, host: 'evil.example:80' }, body: '{}' })).status).toBe(421)
    expect((await send(server, '/', { method: 'GET', headers: { host: 'evil.example' } })).status).toBe(421)
    expect((await send(server, '/api/invoke/app.info', { headers: { ...auth, origin: 'http://evil.example' }, body: '{}' })).status).toBe(403)
    const sameOrigin = { ...auth, origin: server.url }
    expect((await send(server, '/api/invoke/app.info', { headers: sameOrigin, body: '{}' })).status).toBe(200)
  })

  it('refuses non-JSON bodies, unknown channels and invalid input', async () => {
    expect((await send(server, '/api/invoke/app.info', { headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415)
    const unknown = JSON.parse((await send(server, '/api/invoke/shell.exec', { headers: auth, body: '{}' })).body)
    expect(unknown.error.code).toBe('INVALID_INPUT')
    const invalid = JSON.parse((await send(server, '/api/invoke/connections.remove', { headers: auth, body: '{"id":42}' })).body)
    expect(invalid.error.code).toBe('INVALID_INPUT')
    expect(invalid.error.message).toContain('id')
  })

  it('serves the UI with a strict CSP and never escapes the static root', async () => {
    const page = await send(server, '/', { method: 'GET' })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval')
    const traversal = await send(server, '/..%2f..%2f..%2fetc%2fpasswd', { method: 'GET' })
    expect(traversal.body).not.toContain('root:')
  })
})
