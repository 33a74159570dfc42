import { randomInt } from 'node:crypto'

/** The main side's one generator of credentials: users' secrets and access key pairs, from the OS CSPRNG. */

const ACCESS_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomText(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')
}

/** A 40-character random secret (MinIO's own generated length). */
export function generateSecretKey(): string {
  return randomText(SECRET_ALPHABET, 40)
}

/**
 * A new access key pair in MinIO's own shape (20 upper-case characters, 40-character secret),
 * generated here rather than by the server so the intent written before the call already names
 * the key it creates.
 */
export function generateAccessKeyPair(): { accessKey: string; secretKey: string } {
  return { accessKey: randomText(ACCESS_KEY_ALPHABET, 20), secretKey: generateSecretKey() }
}
