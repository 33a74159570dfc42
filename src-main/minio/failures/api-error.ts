import type { ErrorCode } from '../../api/result.ts'
import { AppFailure } from '../../api/result.ts'
import { credentialFailure } from './credentials.ts'
import type { MinioApiError } from './error-reply.ts'
import type { FailureContext } from './failure-context.ts'

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

type Make = (code: ErrorCode, message: string) => AppFailure

/** One reply being mapped: where, the cause as MinIO put it, and the maker that attaches the details. */
interface Reply {
  context: FailureContext
  error: MinioApiError
  at: string
  cause: string
  make: Make
}

/**
 * Maps a MinIO error reply to an AppFailure with a code from the closed set and a message that
 * names the endpoint, says what failed and what to do. The one place where status + MinIO code
 * become app codes; domain modules only add context. The families are tried in a fixed order:
 * credentials, permission, the request itself, the server's state, then MinIO's InternalError.
 */
export function failureFromApiError(context: FailureContext, error: MinioApiError): AppFailure {
  const details = {
    minioCode: error.code,
    status: error.status,
    ...(error.requestId ? { requestId: error.requestId } : {}),
  }
  const make: Make = (code, message) => new AppFailure(code, message, details)
  const credential = credentialFailure(context, error)
  if (credential) return make('MINIO_AUTH_FAILED', credential)
  const reply: Reply = { context, error, at: `MinIO at ${context.endpoint}`, cause: `${error.message.replace(/\.$/, '')} (${error.code})`, make }
  const mapped = permissionFailure(reply) ?? requestFailure(reply) ?? serverStateFailure(reply)
  if (mapped) return mapped
  if (error.code === 'InternalError') return internalErrorFailure(context, error, make)
  return make('INTERNAL', `Could not ${context.operation}: ${reply.at} answered HTTP ${error.status}: ${reply.cause}.`)
}

/** AccessDenied, and the IAM-credentials refusal MinIO gives for a key it will not act on. */
function permissionFailure({ context, error, at, cause, make }: Reply): AppFailure | undefined {
  if (error.code === 'AccessDenied') {
    const permission = context.action ? `the ${context.action} permission` : 'the needed admin permission'
    return make(
      'MINIO_ACCESS_DENIED',
      `${at} denied access key ${context.accessKey} to ${context.operation} (AccessDenied). Ask an administrator for ${permission}.`,
    )
  }
  if (error.code !== 'XMinioInvalidIAMCredentials') return undefined
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

/** What MinIO says about the request itself: no such entity, a conflict, a bad document or argument. */
function requestFailure({ context, error, at, cause, make }: Reply): AppFailure | undefined {
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
  return undefined
}

/** The server, not the request: throttling, starting up or without quorum, an admin API it lacks. */
function serverStateFailure({ context, error, at, make }: Reply): AppFailure | undefined {
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
  return undefined
}

// MinIO: several validation failures come back as 500 InternalError with the cause in Message.
function internalErrorFailure(context: FailureContext, error: MinioApiError, make: Make): AppFailure {
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
