import { AppFailure } from '../../api/result.ts'
import type { FailureContext } from './failure-context.ts'

const TLS_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presents a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'presents a certificate chain with a self-signed root that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presents a certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'presents a certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'presents a certificate signed by an unknown authority',
  CERT_HAS_EXPIRED: 'presents an expired certificate',
  CERT_NOT_YET_VALID: 'presents a certificate that is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presents a certificate for a different host name',
}

const UNREACHABLE_MESSAGES: Record<string, string> = {
  ECONNREFUSED:
    'refused the connection: nothing is listening there. Check the host and port and that MinIO is running.',
  ENOTFOUND: 'has a host name that could not be resolved (DNS). Check the spelling of the endpoint.',
  EAI_AGAIN: 'has a host name that could not be resolved right now (DNS). Check the network and try again.',
  EHOSTUNREACH: 'cannot be reached (no route to host). Check the network, VPN or firewall.',
  ENETUNREACH: 'cannot be reached (network unreachable). Check the network, VPN or firewall.',
  ECONNRESET:
    'closed the connection unexpectedly. Check that the endpoint is MinIO and that no proxy cuts the connection.',
  EPIPE: 'closed the connection unexpectedly. Check that the endpoint is MinIO.',
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(1))

/**
 * Maps a transport error (no HTTP reply) to MINIO_UNREACHABLE or MINIO_TLS_FAILED. A timeout is
 * recognised by the `GatehouseTimeout` name set by the transport.
 */
export function failureFromNetworkError(
  context: FailureContext,
  error: unknown,
  timeoutMs: number,
): AppFailure {
  const code = (error as { code?: string }).code ?? ''
  const name = (error as { name?: string }).name ?? ''
  const reason = error instanceof Error ? error.message : String(error)
  if (name === 'GatehouseSlowAnswer') {
    return new AppFailure(
      'MINIO_SLOW',
      `MinIO is still answering after ${seconds(timeoutMs)} s (${context.operation}). The server at ${context.endpoint} took the request; the work grows with the deployment. Try again, or narrow what is asked (one user instead of every user).`,
      { reason: 'slow', seconds: seconds(timeoutMs) },
    )
  }
  if (name === 'GatehouseTimeout') {
    return new AppFailure(
      'MINIO_UNREACHABLE',
      `MinIO at ${context.endpoint} did not answer within ${timeoutMs} ms (${context.operation}). Check the host, port, network and firewall.`,
      { reason: 'timeout' },
    )
  }
  const tls = TLS_MESSAGES[code]
  if (tls) {
    return new AppFailure(
      'MINIO_TLS_FAILED',
      `${context.endpoint} ${tls} (${code}). Add the server's CA certificate to the connection, or allow self-signed certificates for it if you trust this server.`,
      { reason: code },
    )
  }
  if (
    /wrong version number|packet length too long|SSL routines/i.test(reason) ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'EPROTO'
  ) {
    return new AppFailure(
      'MINIO_TLS_FAILED',
      `The TLS handshake with ${context.endpoint} failed (${code || 'TLS error'}): the port may speak plain HTTP. Try http:// or check the TLS setup.`,
      { reason: code || 'tls' },
    )
  }
  const unreachable = UNREACHABLE_MESSAGES[code]
  const text = unreachable ?? `cannot be reached: ${reason}. Check the host, port and network.`
  return new AppFailure('MINIO_UNREACHABLE', `MinIO at ${context.endpoint} ${text}`, {
    reason: code || 'network',
  })
}
