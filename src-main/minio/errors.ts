import type { ErrorCode } from '../api/result.ts'
import { AppFailure } from '../api/result.ts'

/** An error reply from MinIO, decoded from its JSON (admin handlers) or XML (middleware) body. */
export interface MinioApiError {
  status: number
  code: string
  message: string
  requestId?: string
}

/** What a request was for, so a failure can say so. Never holds a secret. */
export interface FailureContext {
  endpoint: string
  accessKey: string
  /** Human phrase: "list users", "attach policy 'x' to user 'y'". */
  operation: string
  /** The policy action the server checks, for AccessDenied advice (e.g. admin:CreateUser). */
  action?: string
  /** The saved connection's name, when the request is made for one. */
  connection?: string
  /** Whether the request carried an STS session token (temporary credentials). */
  hasSessionToken?: boolean
}

/**
 * Decodes a MinIO error body: JSON `{Code, Message, RequestId}` first, then S3-style XML
 * `<Error><Code>…`. Returns undefined when the body is neither, i.e. the answer did not come from
 * MinIO (an HTML page, a proxy error).
 */
export function parseMinioError(status: number, body: Uint8Array): MinioApiError | undefined {
  const text = Buffer.from(body).toString('utf8').trim()
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>
      if (typeof parsed.Code === 'string' && parsed.Code) {
        return {
          status,
          code: parsed.Code,
          message: stringOr(parsed.Message),
          requestId: optionalString(parsed.RequestId),
        }
      }
    } catch {
      return undefined
    }
  }
  const code = /<Error>[\s\S]*?<Code>([^<]+)<\/Code>/.exec(text)?.[1]
  if (!code) return undefined
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? ''
  const requestId = /<RequestId>([^<]*)<\/RequestId>/.exec(text)?.[1]
  return { status, code, message: decodeXmlText(message), requestId }
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

const NOT_FOUND_CODES = new Set([
  'XMinioAdminNoSuchUser',
  'XMinioAdminNoSuchGroup',
  'XMinioAdminNoSuchPolicy',
  'XMinioAdminNoSuchAccessKey',
])
const CONFLICT_CODES = new Set([
  'XMinioIAMPolicyInUse',
  'XMinioAdminGroupNotEmpty',
  'XMinioAdminPolicyChangeAlreadyApplied',
  'XMinioIAMServiceAccountNotAllowed',
])
const MALFORMED_POLICY_CODES = new Set(['XMinioMalformedIAMPolicy', 'MalformedPolicy'])
const INVALID_INPUT_CODES = new Set([
  'PolicyInvalidName',
  'XMinioInvalidResource',
  'XMinioInvalidUTF',
  'XMinioAdminInvalidAccessKey',
  'XMinioAdminInvalidSecretKey',
  'XMinioAdminNoAccessKey',
  'XMinioAdminNoSecretKey',
  'XMinioAdminInvalidArgument',
  'XMinioAdminInvalidRequest',
  'XMinioAdminConfigTooLarge',
  'InvalidRequest',
  'InvalidArgument',
  'BadRequest',
  'MissingContentLength',
  'EntityTooLarge',
  'XMinioInvalidGroupName',
  'XMinioInvalidResourceName',
  'XMinioIAMServiceAccountSessionPolicyTooLarge',
  'XMinioIAMActionNotAllowed',
  'MetadataTooLarge',
  'XMinioAdminGroupDisabled',
])
const RATE_LIMIT_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'RequestThrottled',
])
const STARTING_CODES = new Set([
  'XMinioServerNotInitialized',
  'XMinioIAMNotInitialized',
  'XMinioAdminConfigNoQuorum',
])

/**
 * Maps a MinIO error reply to an AppFailure with a code from the closed set and a message that
 * names the endpoint, says what failed and what to do. The one place where status + MinIO code
 * become app codes; domain modules only add context.
 */
export function failureFromApiError(context: FailureContext, error: MinioApiError): AppFailure {
  const at = `MinIO at ${context.endpoint}`
  const cause = `${error.message.replace(/\.$/, '')} (${error.code})`
  const details = {
    minioCode: error.code,
    status: error.status,
    ...(error.requestId ? { requestId: error.requestId } : {}),
  }
  const make = (code: ErrorCode, message: string) => new AppFailure(code, message, details)
  const credential = credentialFailure(context, error)
  if (credential) return make('MINIO_AUTH_FAILED', credential)
  if (error.code === 'AccessDenied') {
    const permission = context.action ? `the ${context.action} permission` : 'the needed admin permission'
    return make(
      'MINIO_ACCESS_DENIED',
      `${at} denied access key ${context.accessKey} to ${context.operation} (AccessDenied). Ask an administrator for ${permission}.`,
    )
  }
  if (error.code === 'XMinioInvalidIAMCredentials') {
    return error.status === 404
      ? make(
          'NOT_FOUND',
          `Could not ${context.operation}: ${at} has no such access key (XMinioInvalidIAMCredentials). Refresh the list; it may have been deleted.`,
        )
      : make(
          'INVALID_INPUT',
          `Could not ${context.operation}: ${at} refused it: ${cause}. The root access key and service-account keys cannot be used here.`,
        )
  }
  if (NOT_FOUND_CODES.has(error.code))
    return make(
      'NOT_FOUND',
      `Could not ${context.operation}: ${at} reports ${cause}. Refresh the list; it may have been deleted or disabled.`,
    )
  if (CONFLICT_CODES.has(error.code))
    return make('CONFLICT', `Could not ${context.operation}: ${at} reports ${cause}.`)
  if (MALFORMED_POLICY_CODES.has(error.code))
    return make(
      'INVALID_INPUT',
      `Could not ${context.operation}: ${at} refused the policy document: ${cause}. Fix the document and try again ` +
        "(Gatehouse's policy editor and 'gatehouse policy validate' show MinIO's checks with line and column).",
    )
  if (INVALID_INPUT_CODES.has(error.code))
    return make('INVALID_INPUT', `Could not ${context.operation}: ${at} rejected the request: ${cause}.`)
  if (RATE_LIMIT_CODES.has(error.code) || error.status === 429)
    return make('RATE_LIMITED', `${at} is throttling requests (${error.code}). Wait a moment and try again.`)
  if (STARTING_CODES.has(error.code))
    return make(
      'MINIO_UNREACHABLE',
      `${at} is not ready to ${context.operation} (${error.code}): it is starting or has lost quorum. Try again in a moment.`,
    )
  if (error.code === 'XMinioAdminVersionMismatch')
    return make(
      'MINIO_NOT_ADMIN_API',
      `${at} does not offer the admin API call to ${context.operation} (${error.code}). The server release may not support it.`,
    )
  if (error.code === 'InternalError') return internalErrorFailure(context, error, make)
  return make('INTERNAL', `Could not ${context.operation}: ${at} answered HTTP ${error.status}: ${cause}.`)
}

function credentialFailure(context: FailureContext, error: MinioApiError): string | undefined {
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

// MinIO: several validation failures come back as 500 InternalError with the cause in Message.
function internalErrorFailure(
  context: FailureContext,
  error: MinioApiError,
  make: (code: ErrorCode, message: string) => AppFailure,
): AppFailure {
  const at = `MinIO at ${context.endpoint}`
  const message = error.message
  if (/group is disabled/i.test(message))
    return make(
      'CONFLICT',
      `Could not ${context.operation}: the group is disabled on ${at}. Enable the group first.`,
    )
  if (/inbuilt policy/i.test(message))
    return make(
      'INVALID_INPUT',
      `Could not ${context.operation}: ${at} does not allow deleting a built-in policy that was never overridden.`,
    )
  if (/expiration/i.test(message))
    return make(
      'INVALID_INPUT',
      `Could not ${context.operation}: ${at} rejected the expiry (${message}). Choose a time between 15 minutes and 365 days from now.`,
    )
  if (/no such temp|temporary account/i.test(message))
    return make('NOT_FOUND', `Could not ${context.operation}: ${at} has no such temporary account.`)
  if (/policy name|association|invalid status|was given/i.test(message))
    return make('INVALID_INPUT', `Could not ${context.operation}: ${at} rejected the request: ${message}.`)
  return make(
    'INTERNAL',
    `Could not ${context.operation}: ${at} reported an internal error: ${message} (InternalError). Check the server logs.`,
  )
}

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
