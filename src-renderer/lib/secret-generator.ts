const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
// 248 = 4 × 62: bytes at or above it are dropped, so every character is equally likely.
const UNBIASED_LIMIT = 248

/**
 * The renderer's only secret generator: a random secret key for a user, from Web Crypto, in
 * letters and digits (40 characters by default, the length MinIO generates for access keys).
 * Shown in the form before it is sent, so the user sees what is set. Never throws.
 */
export function generateSecret(length = 40): string {
  let out = ''
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length - out.length))) {
      if (byte < UNBIASED_LIMIT) out += ALPHABET[byte % ALPHABET.length]
    }
  }
  return out
}
