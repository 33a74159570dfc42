import type { Agent as HttpAgent } from 'node:http'
import { isLoopback } from '../shared/loopback.ts'
import { AppFailure } from '../api/result.ts'
import { decryptPayload, encryptPayload } from './crypto/payload.ts'
import { agentFor, parseEndpoint, type TlsOptions } from './endpoint-agent.ts'
import {
  failureFromApiError,
  failureFromNetworkError,
  notAdminApiFailure,
  parseMinioError,
  type FailureContext,
} from './errors.ts'
import { sendSignedOnce, type AdminResponse } from './http-exchange.ts'
import { backoff, isRetryableNetworkError, isRetryableReply, MAX_ATTEMPTS } from './retry-policy.ts'
import type { QueryParams } from './signing.ts'

export type { AdminResponse } from './http-exchange.ts'

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
  tls?: TlsOptions
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

const ADMIN_PREFIX = '/minio/admin/v3'

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
    this.agent = agentFor(this.url, connection.tls)
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
        if (attempt < MAX_ATTEMPTS && isRetryableNetworkError(request.method, error)) {
          await backoff(attempt)
          continue
        }
        throw failureFromNetworkError(context, error, request.timeoutMs ?? this.timeoutMs)
      }
      if (response.status >= 200 && response.status < 300) return response
      const apiError = parseMinioError(response.status, response.body)
      if (!apiError) throw notAdminApiFailure(context, response.status, response.contentType, response.body)
      if (canRetry && isRetryableReply(response.status, apiError.code)) {
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
    return sendSignedOnce({
      url: this.url,
      agent: this.agent,
      credential: {
        accessKey: this.connection.accessKey,
        secretKey: this.connection.secretKey,
        region: this.connection.region ?? 'us-east-1',
        sessionToken: this.connection.sessionToken,
      },
      method: request.method,
      path: `${ADMIN_PREFIX}${request.path}`,
      query: request.query,
      body: request.body,
      contentType: request.contentType,
      signal: request.signal,
      timeoutMs: request.timeoutMs ?? this.timeoutMs,
    })
  }
}
