import { failureFromDecryptError, notAdminApiFailure, type FailureContext } from './errors.ts'
import type { AdminRequest, AdminResponse, AdminTransport } from './transport.ts'

/**
 * Sends a request whose reply is plain JSON and returns it parsed. A 2xx reply that is not JSON
 * (an HTML page from a web server at that address) throws MINIO_NOT_ADMIN_API.
 */
export async function callJson<T>(transport: AdminTransport, request: AdminRequest): Promise<T> {
  const response = await transport.send(request)
  return parseJson<T>(transport, request, response)
}

/** Parses a reply body as JSON; a body that is not JSON means the endpoint is not MinIO's admin API. */
export function parseJson<T>(transport: AdminTransport, request: AdminRequest, response: AdminResponse): T {
  try {
    return JSON.parse(response.body.toString('utf8')) as T
  } catch {
    throw notAdminApiFailure(
      contextOf(transport, request),
      response.status,
      response.contentType,
      response.body,
    )
  }
}

/** The failure context of a request on this transport (no secret in it). */
export function contextOf(
  transport: AdminTransport,
  request: Pick<AdminRequest, 'operation' | 'action'>,
): FailureContext {
  return {
    endpoint: transport.endpoint,
    accessKey: transport.accessKey,
    operation: request.operation,
    action: request.action,
  }
}

/**
 * Sends a request with an optional JSON body encrypted in madmin's envelope and, when
 * `encryptedReply`, decrypts and parses the reply. Returns undefined for an empty reply.
 */
export async function callEncrypted<T>(
  transport: AdminTransport,
  request: AdminRequest,
  options: { body?: unknown; encryptedReply: boolean },
): Promise<T> {
  const body =
    options.body === undefined
      ? request.body
      : await transport.encrypt(Buffer.from(JSON.stringify(options.body), 'utf8'))
  const response = await transport.send({ ...request, ...(body ? { body } : {}) })
  if (!options.encryptedReply) return undefined as T
  let plaintext: Buffer
  try {
    plaintext = await transport.decrypt(response.body)
  } catch (error) {
    throw failureFromDecryptError(contextOf(transport, request), error)
  }
  return parseJson<T>(transport, request, { ...response, body: plaintext })
}

/** Sends a request whose success reply has no body (200 empty or 204). */
export async function callNoContent(transport: AdminTransport, request: AdminRequest): Promise<void> {
  await transport.send(request)
}

/** Go marshals nil slices as null: treat null or absent as an empty list. */
export function listOf<T>(value: readonly T[] | null | undefined): T[] {
  return value ? [...value] : []
}

/** Splits MinIO's comma-separated policy list ("a,b" or "") into names. */
export function splitPolicyNames(value: string | null | undefined): string[] {
  return value
    ? value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : []
}

const NO_TIME = new Set(['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z'])

/** Go's zero time and MinIO's 1970 "never expires" sentinel both mean "no time"; returns undefined for them. */
export function timeOrUndefined(value: string | null | undefined): string | undefined {
  if (!value || NO_TIME.has(value)) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) || time <= 0 ? undefined : new Date(time).toISOString()
}
