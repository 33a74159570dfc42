import { createHash } from 'node:crypto'
import { signV4 } from 'minio/dist/esm/signing.mjs'

/** SHA-256 of the empty body, sent on every bodiless admin request. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** A query value may repeat (`user=a&user=b`); `undefined` leaves the key out. */
export type QueryParams = Record<string, string | readonly string[] | undefined>

/**
 * Percent-encodes one query key or value the way MinIO re-encodes it for the signature: RFC 3986
 * unreserved characters stay, everything else is %XX, so `+` travels as %2B (MinIO would read a
 * literal `+` as a space) and `;` as %3B (Go's ParseQuery rejects a literal `;`).
 */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/**
 * Builds the query string sent on the wire, which is also the canonical query of the signature:
 * keys sorted, and repeated values sorted too. MinIO keeps repeated values in wire order while SigV4
 * signers sort them, so only a pre-sorted wire order makes both agree. Always `key=value`.
 */
export function buildQuery(params: QueryParams): string {
  const pairs: string[] = []
  for (const key of Object.keys(params).sort(compareBytes)) {
    const value = params[key]
    if (value === undefined) continue
    const values = typeof value === 'string' ? [value] : [...value].sort(compareBytes)
    for (const item of values) pairs.push(`${encodeQueryComponent(key)}=${encodeQueryComponent(item)}`)
  }
  return pairs.join('&')
}

/** Go sorts strings by bytes; for the ASCII names we send this equals UTF-16 order, but be exact. */
function compareBytes(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'))
}

/** Hex SHA-256 of a request body, the value of X-Amz-Content-Sha256. */
export function sha256Hex(body: Uint8Array): string {
  return body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex')
}

export interface SignInput {
  method: string
  /** Host header value exactly as sent: `host[:port]`, port omitted when default for the scheme. */
  host: string
  /** Path, already S3-escaped (our admin paths are plain ASCII). */
  path: string
  /** Output of `buildQuery`, or ''. */
  query: string
  body: Uint8Array
  accessKey: string
  secretKey: string
  region: string
  date?: Date
  sessionToken?: string
}

/**
 * Returns the headers of a header-signed SigV4 request as MinIO's admin API accepts it (§1.2):
 * service `s3`, `host`, `x-amz-date` and `x-amz-content-sha256` signed, the real body hash always.
 * Uses the minio SDK's signer; the canonical query is our pre-sorted wire query. Throws only on
 * programming errors (empty keys), which callers validate first.
 */
export function signRequest(input: SignInput): Record<string, string> {
  const date = input.date ?? new Date()
  const contentSha256 = sha256Hex(input.body)
  const headers: Record<string, string> = {
    host: input.host,
    'x-amz-content-sha256': contentSha256,
    'x-amz-date': date.toISOString().replace(/[:-]|\.\d{3}/g, ''),
  }
  if (input.sessionToken) headers['x-amz-security-token'] = input.sessionToken
  const path = input.query ? `${input.path}?${input.query}` : input.path
  // protocol is unused by the signer but required by its type.
  headers.authorization = signV4(
    { protocol: 'https:', method: input.method, path, headers },
    input.accessKey,
    input.secretKey,
    input.region,
    date,
    contentSha256,
    's3',
  )
  return headers
}
