import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { gunzipSync } from 'node:zlib'
import { buildQuery, signRequest, type QueryParams } from './signing.ts'

export interface AdminResponse {
  status: number
  contentType: string | undefined
  body: Buffer
}

/** One signed request: the server, the credential that signs, and what is asked. */
export interface SignedExchange {
  url: URL
  agent: HttpAgent
  credential: { accessKey: string; secretKey: string; sessionToken?: string; region: string }
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  /** The full path, e.g. /minio/admin/v3/list-users. */
  path: string
  query?: QueryParams
  body?: Uint8Array
  contentType?: string
  signal?: AbortSignal
  timeoutMs: number
}

/**
 * Sends one SigV4-signed request and reads the whole reply (gunzipped), whatever its status.
 * Rejects with the socket's error, which carries `reusedSocket`; a timeout is an Error named
 * GatehouseTimeout before the request was sent and GatehouseSlowAnswer after (errors.ts tells them apart).
 */
export function sendSignedOnce(exchange: SignedExchange): Promise<AdminResponse> {
  const { url, credential } = exchange
  const body = exchange.body ?? new Uint8Array()
  const query = buildQuery(exchange.query ?? {})
  const headers: Record<string, string> = signRequest({
    method: exchange.method,
    host: url.host,
    path: exchange.path,
    query,
    body,
    ...credential,
  })
  // Unsigned on purpose, as minio-go does: proxies may rewrite these.
  headers['content-length'] = String(body.length)
  headers['accept-encoding'] = 'gzip'
  if (exchange.contentType) headers['content-type'] = exchange.contentType
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        method: exchange.method,
        path: query ? `${exchange.path}?${query}` : exchange.path,
        headers,
        agent: exchange.agent,
        signal: exchange.signal,
      },
      (incoming) => readResponse(incoming).then(resolve, reject),
    )
    // Once the request is sent, silence means MinIO is still working on it, not a network fault.
    let isSent = false
    outgoing.on('finish', () => (isSent = true))
    outgoing.setTimeout(exchange.timeoutMs, () =>
      outgoing.destroy(Object.assign(new Error('timed out'), { name: isSent ? 'GatehouseSlowAnswer' : 'GatehouseTimeout' })),
    )
    // Node: a keep-alive socket the server closed meanwhile fails with ECONNRESET before the
    // request reached MinIO; remember it so even a write may be sent again (see AdminTransport.send).
    outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })))
    outgoing.end(body)
  })
}

function readResponse(incoming: IncomingMessage): Promise<AdminResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('error', reject)
    incoming.on('end', () => {
      try {
        const raw = Buffer.concat(chunks)
        const body = incoming.headers['content-encoding'] === 'gzip' && raw.length > 0 ? gunzipSync(raw) : raw
        resolve({ status: incoming.statusCode ?? 0, contentType: incoming.headers['content-type'], body })
      } catch (error) {
        reject(error)
      }
    })
  })
}
