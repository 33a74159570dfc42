/** Attempts per request, the first included. */
export const MAX_ATTEMPTS = 3
const RETRY_STATUSES = new Set([408, 429, 502, 503])

/** A MinIO error reply worth asking again (for reads only): busy, throttled or timed out on its side. */
export function isRetryableReply(status: number, minioCode: string): boolean {
  return RETRY_STATUSES.has(status) || /SlowDown|Throttl|RequestTimeout/.test(minioCode)
}

/**
 * Reads (GET) are retried after transient network errors, never after a refused connection, a DNS
 * failure, a TLS failure or a timeout (a person is waiting; a retry would triple the wait). Any
 * method is retried after ECONNRESET on a reused keep-alive socket: the request never arrived.
 */
export function isRetryableNetworkError(method: string, error: unknown): boolean {
  const { code, name, reusedSocket } = error as { code?: string; name?: string; reusedSocket?: boolean }
  if (reusedSocket && code === 'ECONNRESET') return true
  if (method !== 'GET' || name === 'GatehouseTimeout' || name === 'GatehouseSlowAnswer' || isTlsError(error)) return false
  return code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN'
}

function isTlsError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? ''
  return /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO/.test(code)
}

/** Waits before attempt `attempt + 1`. */
export function backoff(attempt: number): Promise<void> {
  // Full jitter, as madmin does, but with a short cap: a person is waiting.
  const delay = Math.random() * Math.min(2_000, 250 * 2 ** attempt)
  return new Promise((resolve) => setTimeout(resolve, delay))
}
