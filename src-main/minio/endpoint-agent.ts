import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { rootCertificates } from 'node:tls'
import { AppFailure } from '../api/result.ts'

/** TLS verification is on by default; `caPem` adds a trusted CA, `allowSelfSigned` turns checks off. */
export interface TlsOptions {
  allowSelfSigned?: boolean
  caPem?: string
}

/**
 * Checks a connection's endpoint: http(s), scheme + host + port only. Throws AppFailure
 * INVALID_INPUT saying which form to use.
 */
export function parseEndpoint(endpoint: string): URL {
  let url: URL
  try {
    url = new URL(endpoint.trim())
  } catch {
    throw new AppFailure(
      'INVALID_INPUT',
      `The endpoint '${endpoint}' is not a URL. Use the form https://host:port.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppFailure('INVALID_INPUT', `The endpoint '${endpoint}' must start with http:// or https://.`)
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username) {
    throw new AppFailure(
      'INVALID_INPUT',
      `The endpoint '${endpoint}' must be scheme, host and port only, without a path, query or user name.`,
    )
  }
  return url
}

/** The keep-alive agent of one connection (16 sockets); over https with the connection's TLS options. */
export function agentFor(url: URL, tls: TlsOptions | undefined): HttpAgent {
  if (url.protocol !== 'https:') return new HttpAgent({ keepAlive: true, maxSockets: 16 })
  // A custom CA is added to, not substituted for, the public roots.
  const ca = tls?.caPem ? [...rootCertificates, tls.caPem] : undefined
  return new HttpsAgent({
    keepAlive: true,
    maxSockets: 16,
    rejectUnauthorized: !tls?.allowSelfSigned,
    ...(ca ? { ca } : {}),
  })
}
