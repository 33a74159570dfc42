import { isLoopback } from '../shared/loopback.ts'
import { AppFailure } from '../api/result.ts'

export interface EndpointCheck {
  /** The endpoint normalised to `scheme://host[:port]`. */
  endpoint: string
  warnings: string[]
}

/**
 * Validates an endpoint URL a person typed and lists what deserves a visible warning. Rejects
 * paths, queries and embedded credentials: an admin endpoint is only scheme, host and port.
 */
export function checkEndpoint(raw: string, tls: { allowSelfSigned: boolean }): EndpointCheck {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new AppFailure('INVALID_INPUT', `'${raw}' is not a URL. Use the form https://minio.example.com:9000.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppFailure('INVALID_INPUT', `The endpoint must start with https:// or http://, not ${url.protocol}//.`)
  }
  if (url.username || url.password) {
    throw new AppFailure('INVALID_INPUT', 'Do not put credentials in the endpoint URL; use the access and secret key fields.')
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new AppFailure('INVALID_INPUT', `The endpoint must not have a path or query ('${url.pathname}${url.search}'): give only scheme, host and port.`)
  }
  const warnings: string[] = []
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    warnings.push(
      `Plain http to ${url.hostname}: the access key, signatures and IAM data cross the network unencrypted. Use https.`,
    )
  }
  if (url.protocol === 'https:' && tls.allowSelfSigned) {
    warnings.push('Certificate verification is off for this connection: anyone on the path can impersonate the server.')
  }
  return { endpoint: `${url.protocol}//${url.host}`, warnings }
}
