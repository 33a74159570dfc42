import { AppFailure } from '../../api/result.ts'
import type { FailureContext } from './failure-context.ts'

/** A reply that is not MinIO's (HTML page, plain web server, proxy) or a 2xx body we cannot decode. */
export function notAdminApiFailure(
  context: FailureContext,
  status: number,
  contentType: string | undefined,
  body: Uint8Array,
): AppFailure {
  const text = Buffer.from(body.subarray(0, 200)).toString('utf8')
  if (/HTTP request to an HTTPS server/i.test(text)) {
    return new AppFailure(
      'MINIO_TLS_FAILED',
      `${context.endpoint} is an HTTPS port but was called over plain HTTP. Change the endpoint to https://.`,
      { status },
    )
  }
  const kind = contentType ? contentType.split(';')[0] : 'no content type'
  return new AppFailure(
    'MINIO_NOT_ADMIN_API',
    `${context.endpoint} answered HTTP ${status} (${kind}) that is not MinIO's admin API, so Gatehouse could not ${context.operation}. Check the endpoint: it must be MinIO's S3 API address (often port 9000), not the web console or a proxy page.`,
    { status },
  )
}

/**
 * An encrypted reply that would not decrypt. A reply that is not a madmin envelope at all means
 * something other than MinIO answered; one that fails authentication was altered on the way.
 */
export function failureFromDecryptError(context: FailureContext, error: unknown): AppFailure {
  const name = (error as { name?: string }).name
  if (name === 'PayloadFormatError') {
    return new AppFailure(
      'MINIO_NOT_ADMIN_API',
      `${context.endpoint} sent a reply to ${context.operation} that is not an encrypted MinIO admin payload. Check that the endpoint is MinIO's S3 API address.`,
    )
  }
  if (name === 'NotAuthenticError') {
    return new AppFailure(
      'INTERNAL',
      `The encrypted reply of MinIO at ${context.endpoint} to ${context.operation} failed authentication: it was altered in transit or encrypted with another key. Check for a proxy that rewrites responses.`,
    )
  }
  throw error
}

/** A 2xx reply whose decrypted or plain JSON has an unexpected shape. */
export function unexpectedReplyFailure(context: FailureContext, detail: string): AppFailure {
  return new AppFailure(
    'INTERNAL',
    `MinIO at ${context.endpoint} answered ${context.operation} with an unexpected reply (${detail}). The server release may not be supported.`,
  )
}
