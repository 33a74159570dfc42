import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dispatch, type DispatchLog, type Handlers } from '../api/dispatch.ts'
import { serveStatic } from './static-files.ts'

export interface BrowserModeOptions {
  handlers: Handlers
  /** Directory of the built renderer (out/renderer). */
  staticDir: string
  port?: number
  /** Fixed token for tests; normally a fresh random one per run. */
  token?: string
  log?: DispatchLog
}

export interface BrowserModeServer {
  url: string
  /** The URL to open: the token travels in the fragment, which browsers never send to a server. */
  openUrl: string
  token: string
  close: () => Promise<void>
}

// Large enough for an IAM snapshot of a big deployment (the tester loads snapshots through the contract).
const MAX_BODY_BYTES = 32 * 1024 * 1024

/**
 * Browser mode: the contract over HTTP on 127.0.0.1 only. Every API request needs the per-run
 * token (Authorization: Bearer), a Host of this loopback address (defeats DNS rebinding), a
 * matching Origin when one is sent (defeats cross-site requests) and a JSON body. No CORS headers
 * are ever sent, so no other origin can read a response.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const log = options.log ?? { warn: (m) => console.warn(`[browser-mode] ${m}`), error: (m) => console.error(`[browser-mode] ${m}`) }
  let allowedHosts: Set<string> = new Set()
  const server: Server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      log.error(`request failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!response.headersSent) respond(response, 500, { error: 'internal error' })
    })
  })
  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      log.warn(`refused: Host ${JSON.stringify(request.headers.host)}`)
      return respond(response, 421, { error: 'This server answers only on its loopback address.' })
    }
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname
    if (!path.startsWith('/api/')) return serveStatic(options.staticDir, path, request, response)
    const origin = request.headers.origin
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      log.warn(`refused: Origin ${JSON.stringify(origin)}`)
      return respond(response, 403, { error: 'Cross-origin requests are refused.' })
    }
    if (!hasToken(request, token)) {
      log.warn(`refused: missing or wrong token for ${path}`)
      return respond(response, 401, { error: 'Missing or wrong token. Open the URL printed by `npm start`.' })
    }
    const channel = path.slice('/api/invoke/'.length)
    if (request.method !== 'POST' || !path.startsWith('/api/invoke/')) return respond(response, 404, { error: 'Not found.' })
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return respond(response, 415, { error: 'Send application/json.' })
    }
    const body = await readBody(request)
    if (body === undefined) return respond(response, 413, { error: `Request body over ${MAX_BODY_BYTES} bytes.` })
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      return respond(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON.' } })
    }
    respond(response, 200, await dispatch(options.handlers, decodeURIComponent(channel), input, log))
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? ''
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function respond(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(JSON.stringify(body))
}
