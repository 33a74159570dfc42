import type { FailureContext } from './failure-context.ts'
import type { MinioApiError } from './error-reply.ts'

/**
 * The message for a refused credential (wrong secret, unknown or disabled key, skewed clock, an
 * expired or missing STS session token), or undefined when the reply is about something else.
 */
export function credentialFailure(context: FailureContext, error: MinioApiError): string | undefined {
  const at = `MinIO at ${context.endpoint}`
  const temporary = temporaryCredentialFailure(context, error)
  if (temporary) return temporary
  switch (error.code) {
    case 'SignatureDoesNotMatch':
      return `${at} rejected the secret key of access key ${context.accessKey} (SignatureDoesNotMatch). Check the secret key.`
    case 'InvalidAccessKeyId':
      return /disabled/i.test(error.message)
        ? `${at} says access key ${context.accessKey} is disabled or expired (InvalidAccessKeyId). Ask an administrator to enable it.`
        : `${at} does not know access key ${context.accessKey} (InvalidAccessKeyId). Check the access key for typos, or create the user first.`
    case 'RequestTimeTooSkewed':
      return `${at} rejected the request because this computer's clock differs from the server's by more than 15 minutes (RequestTimeTooSkewed). Fix the system clock.`
    default:
      return undefined
  }
}

const EXPIRED_TOKEN_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired'])
const INVALID_TOKEN_CODES = new Set(['InvalidTokenId', 'InvalidClientTokenId', 'InvalidToken'])
const RENEW_ADVICE =
  "Get new ones (e.g. mc idp ldap, or your identity provider's STS login) and update the connection's access key, secret key and session token."

/**
 * STS credentials: an expired or refused session token, told apart from a wrong secret key. MinIO
 * answers an expired temporary key with InvalidAccessKeyId (it forgets the key), a missing or
 * foreign token with InvalidTokenId; AWS-style proxies say ExpiredToken.
 */
function temporaryCredentialFailure(context: FailureContext, error: MinioApiError): string | undefined {
  const at = `MinIO at ${context.endpoint}`
  const of = context.connection ? `connection '${context.connection}'` : `access key ${context.accessKey}`
  const forgotten = context.hasSessionToken && error.code === 'InvalidAccessKeyId' && !/disabled/i.test(error.message)
  if (forgotten) {
    return `The temporary credentials of ${of} have expired or were revoked (InvalidAccessKeyId: ${at} no longer knows access key ${context.accessKey}). ${RENEW_ADVICE}`
  }
  if (EXPIRED_TOKEN_CODES.has(error.code) || (/token/i.test(error.message) && /expired/i.test(error.message))) {
    return `The temporary credentials of ${of} have expired (${error.code}; ${at}). ${RENEW_ADVICE}`
  }
  if (!INVALID_TOKEN_CODES.has(error.code)) return undefined
  if (context.hasSessionToken) {
    return (
      `${at} rejected the session token of ${of} (${error.code}): it was not issued with access key ${context.accessKey}, ` +
      'or that key is permanent and takes no token. Paste the session token that came with this access key and secret key, ' +
      'or get new temporary credentials. For a permanent key, enter its secret key again and leave the session token empty.'
    )
  }
  const subject = context.connection ? `access key ${context.accessKey} of ${of}` : of
  return (
    `${at} says ${subject} is a temporary credential that needs its session token (${error.code}). Edit the connection and ` +
    "add the session token issued with it; if it has expired, get new credentials and update the connection's access key, secret key and session token."
  )
}
