import { randomBytes } from 'node:crypto'
import { deriveArgon2Key, derivePbkdf2Key } from './kdf.ts'
import { NotAuthenticError, openStream, sealStream, type StreamCipher } from './sio-stream.ts'

/** madmin's algorithm ids: 0 Argon2id + AES-256-GCM, 1 Argon2id + ChaCha20-Poly1305, 2 PBKDF2 + AES-256-GCM. */
export type PayloadAlgorithm = 0 | 1 | 2

const SALT_SIZE = 32
const NONCE_SIZE = 8
const HEADER_SIZE = SALT_SIZE + 1 + NONCE_SIZE

export { NotAuthenticError }

/** Raised when data is not a madmin envelope (too short, unknown algorithm id). */
export class PayloadFormatError extends Error {
  override name = 'PayloadFormatError'
}

const CIPHERS: Record<PayloadAlgorithm, StreamCipher> = {
  0: 'aes-256-gcm',
  1: 'chacha20-poly1305',
  2: 'aes-256-gcm',
}

function deriveKey(algorithm: PayloadAlgorithm, password: string, salt: Uint8Array): Promise<Uint8Array> {
  const passwordBytes = Buffer.from(password, 'utf8')
  return algorithm === 2 ? derivePbkdf2Key(passwordBytes, salt) : deriveArgon2Key(passwordBytes, salt)
}

/**
 * Encrypts a request body as madmin.EncryptData does: `salt(32) ‖ id(1) ‖ nonce(8) ‖ sio stream`,
 * keyed by the signing credential's secret key, with a fresh random salt and nonce every call.
 * MinIO decrypts all three ids whatever its build, so id 0 is the default.
 */
export async function encryptPayload(
  secretKey: string,
  plaintext: Uint8Array,
  algorithm: PayloadAlgorithm = 0,
): Promise<Buffer> {
  const salt = randomBytes(SALT_SIZE)
  const nonce = randomBytes(NONCE_SIZE)
  const key = await deriveKey(algorithm, secretKey, salt)
  return Buffer.concat([
    salt,
    Buffer.from([algorithm]),
    nonce,
    sealStream(CIPHERS[algorithm], key, nonce, plaintext),
  ])
}

/**
 * Decrypts a madmin envelope with any of the three ids (the server's choice depends on its CPU and
 * build). Throws PayloadFormatError for a short or unknown header and NotAuthenticError when the
 * key is wrong or the data was modified or truncated.
 */
export async function decryptPayload(secretKey: string, data: Uint8Array): Promise<Buffer> {
  if (data.length < HEADER_SIZE)
    throw new PayloadFormatError('madmin: unexpected header: encrypted reply is too short')
  const algorithm = data[SALT_SIZE]
  if (algorithm !== 0 && algorithm !== 1 && algorithm !== 2)
    throw new PayloadFormatError(`madmin: invalid encryption algorithm ID ${algorithm}`)
  const salt = data.subarray(0, SALT_SIZE)
  const nonce = data.subarray(SALT_SIZE + 1, HEADER_SIZE)
  const key = await deriveKey(algorithm, secretKey, salt)
  return openStream(CIPHERS[algorithm], key, nonce, data.subarray(HEADER_SIZE))
}

/** madmin.IsEncrypted: longer than 32 bytes with a known id at byte 32. */
export function isEncryptedPayload(data: Uint8Array): boolean {
  const algorithm = data[SALT_SIZE]
  return data.length > SALT_SIZE && (algorithm === 0 || algorithm === 1 || algorithm === 2)
}
