import type { IncomingMessage } from 'node:http'
import type { ErrorCode } from '../api/result.ts'

/** A request refused at the edge: its HTTP status and the Result error every other answer uses. */
export interface Refusal {
  status: number
  code: ErrorCode
  message: string
}

const refuse = (status: number, code: ErrorCode, message: string): Refusal => ({ status, code, message })

/**
 * The request target as a decoded path, or a refusal. Only origin-form (`/path?query`) is served:
 * an absolute-form target (`http://evil.example/api/…`) is what a proxy gets, never a browser
 * talking to this server, and bad percent-encoding is the client's error (400), not ours (500).
 */
export function requestPath(request: IncomingMessage): string | Refusal {
  const target = request.url ?? ''
  if (!target.startsWith('/') || target.startsWith('//')) return refuse(400, 'INVALID_INPUT', 'Only origin-form request targets (/path) are served.')
  const raw = target.split(/[?#]/, 1)[0]!
  try {
    return decodeURIComponent(raw)
  } catch {
    return refuse(400, 'INVALID_INPUT', 'The request path has bad percent-encoding.')
  }
}

/**
 * An Origin header, when sent, must be exactly one of ours: scheme, host and port compared as a
 * whole (`127.0.0.1:5757` without a scheme, `null` or `https://…` are all foreign).
 */
export function checkOrigin(origin: string | undefined, allowedHosts: ReadonlySet<string>): Refusal | undefined {
  if (origin === undefined) return undefined
  let parsed: URL | undefined
  try {
    parsed = new URL(origin)
  } catch {
    parsed = undefined
  }
  const exact = parsed && parsed.protocol === 'http:' && origin === `${parsed.protocol}//${parsed.host}` && allowedHosts.has(parsed.host)
  return exact ? undefined : refuse(403, 'INVALID_INPUT', 'Cross-origin requests are refused.')
}

/** Content-Type must be application/json exactly; parameters (charset) may follow a `;`. */
export function checkJsonContentType(header: string | undefined): Refusal | undefined {
  const type = (header ?? '').split(';', 1)[0]!.trim().toLowerCase()
  return type === 'application/json' ? undefined : refuse(415, 'INVALID_INPUT', 'Send the request body as application/json.')
}

export function checkHost(host: string | undefined, allowedHosts: ReadonlySet<string>): Refusal | undefined {
  return allowedHosts.has(host ?? '') ? undefined : refuse(421, 'INVALID_INPUT', 'This server answers only on its loopback address.')
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value
}
