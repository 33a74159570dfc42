import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dispatch, internalError, type DispatchLog, type Handlers } from '../api/dispatch.ts'
import { BodyBudget } from './body-budget.ts'
import { LaunchTickets } from './launch-tickets.ts'
import { respond, respondFailure } from './respond.ts'
import { checkHost, checkJsonContentType, checkOrigin, isRefusal, requestPath, type Refusal } from './request-guard.ts'
import { serveStatic } from './static-files.ts'

export interface BrowserModeLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number
  /** Time to receive a whole request, body included (defeats slow bodies). */
  requestTimeoutMs: number
  /** A socket with no traffic for this long is closed (defeats idle-connection floods). */
  idleTimeoutMs: number
  /** API requests being handled at once; more get 503 RATE_LIMITED. */
  maxConcurrentRequests: number
  maxBodyBytes: number
  /** Bytes of request bodies held at once, across all requests. */
  maxBodyBytesInFlight: number
}

export const DEFAULT_LIMITS: BrowserModeLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  maxConcurrentRequests: 32,
  // Large enough for an IAM snapshot of a big deployment (the tester loads snapshots through the contract).
  maxBodyBytes: 32 * 1024 * 1024,
  maxBodyBytesInFlight: 64 * 1024 * 1024,
}

export interface BrowserModeOptions {
  handlers: Handlers
  /** Directory of the built renderer (out/renderer). */
  staticDir: string
  port?: number
  /** Fixed token for tests; normally a fresh random one per run. */
  token?: string
  log?: DispatchLog
  limits?: Partial<BrowserModeLimits>
}

export interface BrowserModeServer {
  url: string
  /** The URL to open, with a fresh one-time launch ticket in the fragment (never sent to a server) on each read. */
  readonly openUrl: string
  token: string
  close: () => Promise<void>
}

export const SESSION_PATH = '/api/session'

/**
 * Browser mode: the contract over HTTP on 127.0.0.1 only. Every API request needs the per-run
 * token (Authorization: Bearer), a Host of this loopback address (defeats DNS rebinding), an
 * exactly matching Origin when one is sent (defeats cross-site requests) and a JSON body. No CORS
 * headers are ever sent, so no other origin can read a response. Every refusal is a Result.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const log = options.log ?? { warn: (m) => console.warn(`[browser-mode] ${m}`), error: (m) => console.error(`[browser-mode] ${m}`) }
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const bodies = new BodyBudget(limits.maxBodyBytes, limits.maxBodyBytesInFlight)
  const tickets = new LaunchTickets()
  let allowedHosts: Set<string> = new Set()
  let active = 0
  const server: Server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  }, (request, response) => {
    void route(request, response).catch((error: unknown) => {
      const failure = internalError(error, `${request.method} ${(request.url ?? '').slice(0, 80)}`, log)
      if (!response.headersSent) respondFailure(response, 500, failure.code, failure.message)
    })
  })
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy())

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refused = (refusal: Refusal) => {
      log.warn(`refused (${refusal.status}): ${refusal.message} ${request.method} ${JSON.stringify((request.url ?? '').slice(0, 80))}`)
      // A refused request's unread body is not worth reading: close the connection after the answer.
      response.shouldKeepAlive = false
      respondFailure(response, refusal.status, refusal.code, refusal.message)
    }
    const hostRefusal = checkHost(request.headers.host, allowedHosts)
    if (hostRefusal) return refused(hostRefusal)
    const path = requestPath(request)
    if (isRefusal(path)) return refused(path)
    if (!path.startsWith('/api/')) return serveStatic(options.staticDir, path, request, response)
    const edge = checkOrigin(request.headers.origin, allowedHosts)
    if (edge) return refused(edge)
    const isSession = path === SESSION_PATH
    if (!isSession && !hasToken(request, token)) return refused({ status: 401, code: 'NOT_CONNECTED', message: 'Missing or wrong token. Open the URL printed by `npm start`.' })
    if (request.method !== 'POST' || (!isSession && !path.startsWith('/api/invoke/'))) return refused({ status: 404, code: 'NOT_FOUND', message: 'Not found.' })
    const typeRefusal = checkJsonContentType(request.headers['content-type'])
    if (typeRefusal) return refused(typeRefusal)
    if (active >= limits.maxConcurrentRequests) return refused({ status: 503, code: 'RATE_LIMITED', message: `Gatehouse is handling ${active} requests already. Try again in 1 s.` })
    active++
    try {
      const body = await bodies.read(request)
      if (isRefusal(body)) return refused(body)
      let input: unknown
      try {
        input = body.length === 0 ? {} : JSON.parse(body)
      } catch {
        return refused({ status: 400, code: 'INVALID_INPUT', message: 'The request body is not JSON.' })
      }
      if (isSession) {
        const ticket = (input as { ticket?: unknown } | null)?.ticket
        if (!tickets.redeem(ticket)) return refused({ status: 401, code: 'NOT_CONNECTED', message: 'This link was used already. Keep using the tab it opened, or open the URL `npm start` prints.' })
        return respond(response, 200, { ok: true, value: { token } })
      }
      respond(response, 200, await dispatch(options.handlers, path.slice('/api/invoke/'.length), input, log))
    } finally {
      active--
    }
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
    get openUrl() {
      return `${url}/#ticket=${tickets.mint()}`
    },
    token,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      }),
  }
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? ''
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
