import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { rootCertificates } from 'node:tls'
import { gunzipSync } from 'node:zlib'
import { isLoopback } from '../shared/loopback.ts'
import { AppFailure } from '../api/result.ts'
import { decryptPayload, encryptPayload } from './crypto/payload.ts'
import {
  failureFromApiError,
  failureFromNetworkError,
  notAdminApiFailure,
  parseMinioError,
  type FailureContext,
} from './errors.ts'
import { buildQuery, signRequest, type QueryParams } from './signing.ts'

/** How to reach one MinIO deployment with one credential. The secret never leaves this process. */
export interface AdminConnection {
  /** e.g. http://127.0.0.1:9000 or https://s3.example.com (no path). */
  endpoint: string
  accessKey: string
  secretKey: string
  /** STS session token, for temporary credentials. */
  sessionToken?: string
  /** The saved connection's name, for failure messages. */
  name?: string
  /** TLS verification is on by default; `caPem` adds a trusted CA, `allowSelfSigned` turns checks off. */
  tls?: { allowSelfSigned?: boolean; caPem?: string }
  /** Signing region; MinIO accepts any. Default us-east-1. */
  region?: string
  /** Per-attempt timeout. Default 20 000 ms. */
  timeoutMs?: number
  /**
   * A brake on refused credentials: `check` runs before every attempt and may throw (RATE_LIMITED);
   * `failed` is told of every authentication failure the server answers.
   */
  authBrake?: { check: () => void; failed: () => void }
}

export interface AdminRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  /** Path below /minio/admin/v3, e.g. `/list-users`. */
  path: string
  query?: QueryParams
  body?: Uint8Array
  contentType?: string
  /** What the call is for, used in failure messages. */
  operation: string
  action?: string
  signal?: AbortSignal
  /**
   * How long MinIO may take to answer, for calls whose work grows with the deployment (listing
   * every user's keys); default the connection's timeout.
   */
  timeoutMs?: number
}

export interface AdminResponse {
  status: number
  contentType: string | undefined
  body: Buffer
}

const ADMIN_PREFIX = '/minio/admin/v3'
const MAX_ATTEMPTS = 3
const RETRY_STATUSES = new Set([408, 429, 502, 503])

/**
 * Signs and sends admin API requests for one connection: keep-alive agent with the connection's
 * TLS options, a per-attempt timeout, gzip, and retries only for GETs (idempotent reads). Throws
 * AppFailure for every failure: network and TLS errors, non-2xx replies, non-MinIO answers.
 */
export class AdminTransport {
  readonly endpoint: string
  readonly accessKey: string
  private readonly url: URL
  private readonly agent: HttpAgent
  private readonly timeoutMs: number

  constructor(private readonly connection: AdminConnection) {
    this.url = parseEndpoint(connection.endpoint)
    this.endpoint = this.url.origin
    this.accessKey = connection.accessKey
    this.timeoutMs = connection.timeoutMs ?? 20_000
    this.agent =
      this.url.protocol === 'https:'
        ? createHttpsAgent(connection.tls)
        : new HttpAgent({ keepAlive: true, maxSockets: 16 })
  }

  /** Sends the request and returns the 2xx reply; retries idempotent reads on transient failures. */
  async send(request: AdminRequest): Promise<AdminResponse> {
    const context: FailureContext = {
      endpoint: this.endpoint,
      accessKey: this.accessKey,
      operation: request.operation,
      action: request.action,
      connection: this.connection.name,
      hasSessionToken: Boolean(this.connection.sessionToken),
    }
    for (let attempt = 1; ; attempt++) {
      this.connection.authBrake?.check()
      if (request.signal?.aborted)
        throw new AppFailure('CANCELLED', `Cancelled before Gatehouse could ${request.operation}.`)
      const canRetry = request.method === 'GET' && attempt < MAX_ATTEMPTS
      let response: AdminResponse
      try {
        response = await this.sendOnce(request)
      } catch (error) {
        if (request.signal?.aborted)
          throw new AppFailure('CANCELLED', `Cancelled while trying to ${request.operation}.`)
        if (attempt < MAX_ATTEMPTS && isRetryableNetworkError(request, error)) {
          await backoff(attempt)
          continue
        }
        throw failureFromNetworkError(context, error, request.timeoutMs ?? this.timeoutMs)
      }
      if (response.status >= 200 && response.status < 300) return response
      const apiError = parseMinioError(response.status, response.body)
      if (!apiError) throw notAdminApiFailure(context, response.status, response.contentType, response.body)
      if (
        canRetry &&
        (RETRY_STATUSES.has(response.status) || /SlowDown|Throttl|RequestTimeout/.test(apiError.code))
      ) {
        await backoff(attempt)
        continue
      }
      const failure = failureFromApiError(context, apiError)
      if (failure.code === 'MINIO_AUTH_FAILED') this.connection.authBrake?.failed()
      throw failure
    }
  }

  /**
   * Encrypts a request body with the signing credential's secret key (madmin envelope, §2). Over TLS
   * or loopback the body is sealed with id 2 (PBKDF2 + AES-GCM, madmin's FIPS choice), which MinIO
   * decrypts whatever its build (§2.3): the channel already protects it, and this skips two of the
   * server's mutex-serialised Argon2 derivations per change (§2.7), the bottleneck of bulk work.
   * Over plain http to another host the envelope is the only protection, so it keeps Argon2id.
   */
  encrypt(plaintext: Uint8Array): Promise<Buffer> {
    return encryptPayload(this.connection.secretKey, plaintext, this.requestPayloadAlgorithm)
  }

  private get requestPayloadAlgorithm(): 0 | 2 {
    if (process.env.GATEHOUSE_PAYLOAD_KDF === 'argon2id') return 0
    return this.url.protocol === 'https:' || isLoopback(this.url.hostname) ? 2 : 0
  }

  /** Decrypts an encrypted reply; throws NotAuthenticError / PayloadFormatError (see crypto/payload.ts). */
  decrypt(data: Uint8Array): Promise<Buffer> {
    return decryptPayload(this.connection.secretKey, data)
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy()
  }

  private sendOnce(request: AdminRequest): Promise<AdminResponse> {
    const body = request.body ?? new Uint8Array()
    const path = `${ADMIN_PREFIX}${request.path}`
    const query = buildQuery(request.query ?? {})
    const headers: Record<string, string> = signRequest({
      method: request.method,
      host: this.url.host,
      path,
      query,
      body,
      accessKey: this.connection.accessKey,
      secretKey: this.connection.secretKey,
      region: this.connection.region ?? 'us-east-1',
      sessionToken: this.connection.sessionToken,
    })
    // Unsigned on purpose, as minio-go does: proxies may rewrite these.
    headers['content-length'] = String(body.length)
    headers['accept-encoding'] = 'gzip'
    if (request.contentType) headers['content-type'] = request.contentType
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise((resolve, reject) => {
      const outgoing = send(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port || undefined,
          method: request.method,
          path: query ? `${path}?${query}` : path,
          headers,
          agent: this.agent,
          signal: request.signal,
        },
        (incoming) => readResponse(incoming).then(resolve, reject),
      )
      // Once the request is sent, silence means MinIO is still working on it, not a network fault.
      let isSent = false
      outgoing.on('finish', () => (isSent = true))
      outgoing.setTimeout(request.timeoutMs ?? this.timeoutMs, () =>
        outgoing.destroy(Object.assign(new Error('timed out'), { name: isSent ? 'GatehouseSlowAnswer' : 'GatehouseTimeout' })),
      )
      // Node: a keep-alive socket the server closed meanwhile fails with ECONNRESET before the
      // request reached MinIO; remember it so even a write may be sent again (see send()).
      outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })))
      outgoing.end(body)
    })
  }
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

function parseEndpoint(endpoint: string): URL {
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

function createHttpsAgent(tls: AdminConnection['tls']): HttpsAgent {
  // A custom CA is added to, not substituted for, the public roots.
  const ca = tls?.caPem ? [...rootCertificates, tls.caPem] : undefined
  return new HttpsAgent({
    keepAlive: true,
    maxSockets: 16,
    rejectUnauthorized: !tls?.allowSelfSigned,
    ...(ca ? { ca } : {}),
  })
}

/**
 * Reads (GET) are retried after transient network errors, never after a refused connection, a DNS
 * failure, a TLS failure or a timeout (a person is waiting; a retry would triple the wait). Any
 * method is retried after ECONNRESET on a reused keep-alive socket: the request never arrived.
 */
function isRetryableNetworkError(request: AdminRequest, error: unknown): boolean {
  const { code, name, reusedSocket } = error as { code?: string; name?: string; reusedSocket?: boolean }
  if (reusedSocket && code === 'ECONNRESET') return true
  if (request.method !== 'GET' || name === 'GatehouseTimeout' || name === 'GatehouseSlowAnswer' || isTlsError(error)) return false
  return code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN'
}

function isTlsError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? ''
  return /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO/.test(code)
}

function backoff(attempt: number): Promise<void> {
  // Full jitter, as madmin does, but with a short cap: a person is waiting.
  const delay = Math.random() * Math.min(2_000, 250 * 2 ** attempt)
  return new Promise((resolve) => setTimeout(resolve, delay))
}
