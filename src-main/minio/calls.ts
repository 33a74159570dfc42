import { notAdminApiFailure } from './errors.ts'
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
    throw notAdminApiFailure({ endpoint: transport.endpoint, accessKey: transport.accessKey, operation: request.operation }, response.status, response.contentType, response.body)
  }
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
  return value ? value.split(',').map((name) => name.trim()).filter(Boolean) : []
}

const NO_TIME = new Set(['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z'])

/** Go's zero time and MinIO's 1970 "never expires" sentinel both mean "no time"; returns undefined for them. */
export function timeOrUndefined(value: string | null | undefined): string | undefined {
  if (!value || NO_TIME.has(value)) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) || time <= 0 ? undefined : new Date(time).toISOString()
}
