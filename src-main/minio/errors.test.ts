import { describe, expect, it } from 'vitest'
import {
  failureFromApiError,
  failureFromNetworkError,
  notAdminApiFailure,
  parseMinioError,
  type FailureContext,
} from './errors.ts'

const context: FailureContext = {
  endpoint: 'https://s3.local:9000',
  accessKey: 'admin',
  operation: "delete user 'alice'",
  action: 'admin:DeleteUser',
}
const bytes = (text: string) => Buffer.from(text)

describe('parseMinioError', () => {
  it('reads the JSON body admin handlers write', () => {
    const body = bytes(
      '{"Code":"XMinioAdminNoSuchUser","Message":"The specified user does not exist","Resource":"/minio/admin/v3/user-info","RequestId":"17A","HostId":"x"}',
    )
    expect(parseMinioError(404, body)).toEqual({
      status: 404,
      code: 'XMinioAdminNoSuchUser',
      message: 'The specified user does not exist',
      requestId: '17A',
    })
  })

  it('reads the XML body the auth middleware writes', () => {
    const body = bytes(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference &amp; more</Message><RequestId>R1</RequestId></Error>',
    )
    expect(parseMinioError(403, body)).toEqual({
      status: 403,
      code: 'RequestTimeTooSkewed',
      message: 'The difference & more',
      requestId: 'R1',
    })
  })

  it('returns undefined for HTML and for JSON without a Code', () => {
    expect(parseMinioError(404, bytes('<html><body>Not found</body></html>'))).toBeUndefined()
    expect(parseMinioError(500, bytes('{"error":"x"}'))).toBeUndefined()
    expect(parseMinioError(502, bytes(''))).toBeUndefined()
  })
})

describe('failureFromApiError', () => {
  const map = (status: number, code: string, message = 'm') =>
    failureFromApiError(context, { status, code, message })

  it('maps each family to its app code', () => {
    expect(map(403, 'SignatureDoesNotMatch').code).toBe('MINIO_AUTH_FAILED')
    expect(map(403, 'InvalidAccessKeyId').code).toBe('MINIO_AUTH_FAILED')
    expect(map(403, 'RequestTimeTooSkewed').code).toBe('MINIO_AUTH_FAILED')
    expect(map(403, 'AccessDenied').code).toBe('MINIO_ACCESS_DENIED')
    expect(map(404, 'XMinioAdminNoSuchUser').code).toBe('NOT_FOUND')
    expect(map(404, 'XMinioAdminNoSuchPolicy').code).toBe('NOT_FOUND')
    expect(map(400, 'XMinioIAMPolicyInUse').code).toBe('CONFLICT')
    expect(map(400, 'XMinioAdminGroupNotEmpty').code).toBe('CONFLICT')
    expect(map(400, 'XMinioMalformedIAMPolicy').code).toBe('INVALID_INPUT')
    expect(map(426, 'XMinioAdminVersionMismatch').code).toBe('MINIO_NOT_ADMIN_API')
    expect(map(503, 'XMinioServerNotInitialized').code).toBe('MINIO_UNREACHABLE')
    expect(map(503, 'SlowDown').code).toBe('RATE_LIMITED')
    expect(map(500, 'SomethingNew').code).toBe('INTERNAL')
  })

  it('says how to fix a policy document MinIO refused', () => {
    const failure = map(400, 'XMinioMalformedIAMPolicy')
    expect(failure.message).toMatch(/refused the policy document: .*XMinioMalformedIAMPolicy.*Fix the document and try again/)
    expect(map(400, 'PolicyInvalidName').message).not.toContain('policy document')
  })

  it('tells a disabled key from an unknown one', () => {
    expect(
      map(403, 'InvalidAccessKeyId', 'Your account is disabled; please contact your administrator.').message,
    ).toContain('disabled')
    expect(
      map(403, 'InvalidAccessKeyId', 'The Access Key Id you provided does not exist in our records.').message,
    ).toContain('does not know access key admin')
  })

  it('distinguishes XMinioInvalidIAMCredentials by HTTP status', () => {
    expect(map(404, 'XMinioInvalidIAMCredentials').code).toBe('NOT_FOUND')
    expect(map(403, 'XMinioInvalidIAMCredentials').code).toBe('INVALID_INPUT')
  })

  it('names the missing permission on AccessDenied', () => {
    expect(map(403, 'AccessDenied', 'Access Denied.').message).toBe(
      "MinIO at https://s3.local:9000 denied access key admin to delete user 'alice' (AccessDenied). Ask an administrator for the admin:DeleteUser permission.",
    )
  })

  it('reads the cause of 500 InternalError validation failures', () => {
    expect(
      map(
        500,
        'InternalError',
        'We encountered an internal error, please try again. (Specified group is disabled)',
      ).code,
    ).toBe('CONFLICT')
    expect(
      map(
        500,
        'InternalError',
        'We encountered an internal error, please try again. (invalid service account expiration)',
      ).code,
    ).toBe('INVALID_INPUT')
    expect(
      map(
        500,
        'InternalError',
        'We encountered an internal error, please try again. (inbuilt policy `readonly` not allowed to be deleted)',
      ).code,
    ).toBe('INVALID_INPUT')
    expect(
      map(500, 'InternalError', 'We encountered an internal error, please try again. (disk full)').code,
    ).toBe('INTERNAL')
  })
})

describe('temporary (STS) credentials', () => {
  const temporary: FailureContext = { ...context, accessKey: 'TMPKEY', connection: 'prod-ldap', hasSessionToken: true }
  const permanent: FailureContext = { ...context, accessKey: 'TMPKEY', connection: 'prod-ldap', hasSessionToken: false }
  const fromBody = (context: FailureContext, status: number, body: string) => failureFromApiError(context, parseMinioError(status, bytes(body))!)
  // MinIO (cmd/auth-handler.go checkClaimsFromToken, cmd/api-errors.go): a missing or foreign token is
  // InvalidTokenId; an expired temporary key is dropped from IAM and answered InvalidAccessKeyId.
  const invalidToken =
    '{"Code":"InvalidTokenId","Message":"The security token included in the request is invalid","Resource":"/minio/admin/v3/info","RequestId":"188","HostId":"h"}'
  const expiredKey =
    '{"Code":"InvalidAccessKeyId","Message":"The Access Key Id you provided does not exist in our records.","Resource":"/minio/admin/v3/info","RequestId":"189","HostId":"h"}'
  // AWS-style STS answers, as S3 gateways and proxies in front of MinIO send them.
  const expiredToken =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message><RequestId>R7</RequestId></Error>'

  it('says the temporary credentials of the connection expired, and what to do', () => {
    const failure = fromBody(temporary, 400, expiredToken)
    expect(failure.code).toBe('MINIO_AUTH_FAILED')
    expect(failure.message).toBe(
      "The temporary credentials of connection 'prod-ldap' have expired (ExpiredToken; MinIO at https://s3.local:9000). " +
        "Get new ones (e.g. mc idp ldap, or your identity provider's STS login) and update the connection's access key, secret key and session token.",
    )
    expect(failure.details).toMatchObject({ minioCode: 'ExpiredToken', requestId: 'R7' })
  })

  it('reads an expired-token message under any code, and InvalidClientTokenId as a refused token', () => {
    const expiredMessage = failureFromApiError(temporary, { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is expired' })
    expect(expiredMessage.message).toMatch(/^The temporary credentials of connection 'prod-ldap' have expired \(InvalidClientTokenId/)
    const refused = failureFromApiError(temporary, { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' })
    expect(refused.code).toBe('MINIO_AUTH_FAILED')
    expect(refused.message).toMatch(/rejected the session token of connection 'prod-ldap' \(InvalidClientTokenId\)/)
  })

  it('reads MinIO forgetting a temporary key as expiry only when the connection has a token', () => {
    expect(fromBody(temporary, 403, expiredKey).message).toMatch(
      /^The temporary credentials of connection 'prod-ldap' have expired or were revoked \(InvalidAccessKeyId: .*no longer knows access key TMPKEY\)\. Get new ones/,
    )
    expect(fromBody(permanent, 403, expiredKey).message).toContain('does not know access key TMPKEY (InvalidAccessKeyId). Check the access key')
    const disabled = failureFromApiError(temporary, { status: 403, code: 'InvalidAccessKeyId', message: 'Your account is disabled; please contact your administrator.' })
    expect(disabled.message).toContain('is disabled')
  })

  it('tells a refused session token from a missing one and from a wrong secret key', () => {
    const refused = fromBody(temporary, 403, invalidToken)
    const missing = fromBody(permanent, 403, invalidToken)
    const wrongSecret = failureFromApiError(temporary, { status: 403, code: 'SignatureDoesNotMatch', message: 'x' })
    expect([refused.code, missing.code, wrongSecret.code]).toEqual(['MINIO_AUTH_FAILED', 'MINIO_AUTH_FAILED', 'MINIO_AUTH_FAILED'])
    expect(refused.message).toMatch(/rejected the session token of connection 'prod-ldap' \(InvalidTokenId\): it was not issued with access key TMPKEY.*Paste the session token/)
    expect(missing.message).toMatch(/says access key TMPKEY of connection 'prod-ldap' is a temporary credential that needs its session token \(InvalidTokenId\)\. Edit the connection and add the session token/)
    expect(wrongSecret.message).toContain('rejected the secret key')
    expect(new Set([refused.message, missing.message, wrongSecret.message]).size).toBe(3)
  })

  it('names the access key when no saved connection is involved', () => {
    expect(fromBody({ ...context, hasSessionToken: false }, 403, invalidToken).message).toMatch(/says access key admin is a temporary credential/)
  })
})

describe('transport-level failures', () => {
  it('recognises a Go TLS server answering plain HTTP', () => {
    const failure = notAdminApiFailure(
      context,
      400,
      undefined,
      bytes('Client sent an HTTP request to an HTTPS server.\n'),
    )
    expect(failure.code).toBe('MINIO_TLS_FAILED')
  })

  it('maps socket error codes', () => {
    expect(
      failureFromNetworkError(context, Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 1000).code,
    ).toBe('MINIO_UNREACHABLE')
    expect(
      failureFromNetworkError(context, Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 1000)
        .code,
    ).toBe('MINIO_TLS_FAILED')
    const timeout = failureFromNetworkError(
      context,
      Object.assign(new Error('timed out'), { name: 'GatehouseTimeout' }),
      1500,
    )
    expect(timeout.code).toBe('MINIO_UNREACHABLE')
    expect(timeout.message).toContain('1500 ms')
    const slow = failureFromNetworkError(context, Object.assign(new Error('timed out'), { name: 'GatehouseSlowAnswer' }), 20_000)
    expect(slow.code).toBe('MINIO_SLOW')
    expect(slow.message).toMatch(/^MinIO is still answering after 20 s /)
    expect(slow.message).not.toMatch(/network|firewall/)
  })
})
