/**
 * Go's base64.StdEncoding.DecodeString (padding required, CR/LF ignored) and minio-go's
 * s3utils.CheckValidBucketName, both used while MinIO decodes condition values (§4.4).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const PAD = 0x3d

function isNewline(byte: number | undefined): boolean {
  return byte === 0x0a || byte === 0x0d
}

/** One quantum of Go's decodeQuantum: up to 4 symbols (newlines skipped), padding rules, offsets in bytes. */
function decodeQuantum(src: Uint8Array, start: number, out: number[]): { next: number; done: boolean } | { error: number } {
  const symbols: number[] = []
  let index = start
  while (symbols.length < 4) {
    if (index === src.length) {
      if (symbols.length === 0) return { next: index, done: true }
      return { error: index - symbols.length }
    }
    const byte = src[index++] as number
    const symbol = ALPHABET.indexOf(String.fromCharCode(byte))
    if (byte < 0x80 && symbol >= 0) {
      symbols.push(symbol)
      continue
    }
    if (isNewline(byte)) continue
    if (byte !== PAD || symbols.length < 2) return { error: index - 1 }
    if (symbols.length === 2) {
      while (isNewline(src[index])) index++
      if (index === src.length) return { error: src.length }
      if (src[index] !== PAD) return { error: index - 1 }
      index++
    }
    while (isNewline(src[index])) index++
    if (index < src.length) return { error: index }
    emit(symbols, out)
    return { next: index, done: true }
  }
  emit(symbols, out)
  return { next: index, done: false }
}

/**
 * Go's base64.StdEncoding.DecodeString: padded standard alphabet, CR/LF ignored, error offsets in
 * bytes as Go reports them (`illegal base64 data at input byte N`). The value is the decoded bytes
 * as a string; bytes that are not UTF-8 give a value no request string can equal.
 */
export function decodeBase64(text: string): { value: string } | { error: string } {
  const src = new TextEncoder().encode(text)
  const bytes: number[] = []
  let index = 0
  for (;;) {
    const result = decodeQuantum(src, index, bytes)
    if ('error' in result) return { error: `illegal base64 data at input byte ${result.error}` }
    if (result.done) break
    index = result.next
  }
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)) }
  } catch {
    // Go keeps the raw bytes; invalid UTF-8 can never equal a (UTF-8) request value, so we store a
    // value that no well-formed request string can equal: it starts with an unpaired surrogate.
    return { value: '\ud800' + bytes.join(',') }
  }
}

/** Standard padded base64 of the bytes a decoded value stands for (the reverse of decodeBase64). */
export function encodeBase64(value: string): string {
  const bytes = value.startsWith('\ud800') ? value.slice(1).split(',').map(Number) : [...new TextEncoder().encode(value)]
  let out = ''
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = bytes.slice(index, index + 3)
    const [a = 0, b = 0, c = 0] = chunk
    const value24 = (a << 16) | (b << 8) | c
    for (let position = 0; position < 4; position++) {
      out += position <= chunk.length ? ALPHABET[(value24 >> (18 - position * 6)) & 63] : '='
    }
  }
  return out
}

function emit(quantum: number[], out: number[]): void {
  const [a = 0, b = 0, c = 0, d = 0] = quantum
  const value = (a << 18) | (b << 12) | (c << 6) | d
  out.push((value >> 16) & 0xff)
  if (quantum.length > 2) out.push((value >> 8) & 0xff)
  if (quantum.length > 3) out.push(value & 0xff)
}

// Go unicode.IsSpace (strings.TrimSpace); JS \s differs (it has U+FEFF, lacks U+0085).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const GO_SPACE_EDGES = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g')
const VALID_BUCKET = /^[A-Za-z0-9][A-Za-z0-9.\-_:]{1,61}[A-Za-z0-9]$/
const IP_LIKE = /^([0-9]+\.){3}[0-9]+$/

/** minio-go CheckValidBucketName: undefined when valid, else minio-go's message. Lengths in bytes. */
export function checkBucketName(name: string, byteLength: number): string | undefined {
  if (name.replace(GO_SPACE_EDGES, '') === '') return 'Bucket name cannot be empty'
  if (byteLength < 3) return 'Bucket name cannot be shorter than 3 characters'
  if (byteLength > 63) return 'Bucket name cannot be longer than 63 characters'
  if (IP_LIKE.test(name)) return 'Bucket name cannot be an ip address'
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return 'Bucket name contains invalid characters'
  if (!VALID_BUCKET.test(name)) return 'Bucket name contains invalid characters'
  return undefined
}
