/**
 * Go's base64.StdEncoding.DecodeString (padding required, CR/LF ignored) and minio-go's
 * s3utils.CheckValidBucketName, both used while MinIO decodes condition values (§4.4).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Decodes standard padded base64 into a string of the decoded bytes (UTF-8 decoded like Go's string(bytes)). */
export function decodeBase64(text: string): { value: string } | { error: string } {
  const bytes: number[] = []
  let quantum: number[] = []
  let index = 0
  let sawPadding = false
  for (; index < text.length; index++) {
    const c = text[index] as string
    if (c === '\r' || c === '\n') continue
    if (sawPadding) return { error: `illegal base64 data at input byte ${index}` }
    if (c === '=') {
      if (quantum.length < 2) return { error: `illegal base64 data at input byte ${index}` }
      const needed = 4 - quantum.length
      let rest = text.slice(index).replace(/[\r\n]/g, '')
      if (!rest.startsWith('='.repeat(needed))) return { error: `illegal base64 data at input byte ${index}` }
      rest = rest.slice(needed)
      if (rest.length > 0) return { error: `illegal base64 data at input byte ${index + needed}` }
      flush(quantum, bytes)
      quantum = []
      sawPadding = true
      break
    }
    const digit = ALPHABET.indexOf(c)
    if (digit < 0) return { error: `illegal base64 data at input byte ${index}` }
    quantum.push(digit)
    if (quantum.length === 4) {
      flush(quantum, bytes)
      quantum = []
    }
  }
  if (quantum.length > 0) return { error: `illegal base64 data at input byte ${text.length}` }
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)) }
  } catch {
    // Go keeps the raw bytes; invalid UTF-8 can never equal a (UTF-8) request value, so we store a
    // value that no well-formed request string can equal: it starts with an unpaired surrogate.
    return { value: '\ud800' + bytes.join(',') }
  }
}

function flush(quantum: number[], out: number[]): void {
  const [a = 0, b = 0, c = 0, d = 0] = quantum
  const value = (a << 18) | (b << 12) | (c << 6) | d
  out.push((value >> 16) & 0xff)
  if (quantum.length > 2) out.push((value >> 8) & 0xff)
  if (quantum.length > 3) out.push(value & 0xff)
}

const VALID_BUCKET = /^[A-Za-z0-9][A-Za-z0-9.\-_:]{1,61}[A-Za-z0-9]$/
const IP_LIKE = /^([0-9]+\.){3}[0-9]+$/

/** minio-go CheckValidBucketName: undefined when valid, else minio-go's message. Lengths in bytes. */
export function checkBucketName(name: string, byteLength: number): string | undefined {
  if (name.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, '') === '') return 'Bucket name cannot be empty'
  if (byteLength < 3) return 'Bucket name cannot be shorter than 3 characters'
  if (byteLength > 63) return 'Bucket name cannot be longer than 63 characters'
  if (IP_LIKE.test(name)) return 'Bucket name cannot be an ip address'
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return 'Bucket name contains invalid characters'
  if (!VALID_BUCKET.test(name)) return 'Bucket name contains invalid characters'
  return undefined
}
