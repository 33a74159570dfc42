import { createCipheriv, createDecipheriv, type CipherGCMTypes } from 'node:crypto'

/** The AEADs sio-go streams over; aes-128-gcm only for its official test vectors. */
export type StreamCipher = CipherGCMTypes | 'chacha20-poly1305'

/** MinIO: sio.BufSize, the plaintext size of every package but the last. */
export const PACKAGE_SIZE = 16_384
const TAG_SIZE = 16
const FINAL_FLAG = 0x80

/** Raised when a stream fails authentication or is cut short: wrong key, tampering or truncation. */
export class NotAuthenticError extends Error {
  constructor(message = 'sio: data is not authentic') {
    super(message)
    this.name = 'NotAuthenticError'
  }
}

function packageNonce(nonce8: Uint8Array, sequence: number): Buffer {
  const nonce = Buffer.alloc(12)
  nonce.set(nonce8, 0)
  nonce.writeUInt32LE(sequence, 8)
  return nonce
}

function seal(
  cipher: StreamCipher,
  key: Uint8Array,
  nonce: Buffer,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Buffer {
  const sealer = createCipheriv(cipher as CipherGCMTypes, key, nonce, { authTagLength: TAG_SIZE })
  sealer.setAAD(aad, { plaintextLength: plaintext.length })
  return Buffer.concat([sealer.update(plaintext), sealer.final(), sealer.getAuthTag()])
}

function open(
  cipher: StreamCipher,
  key: Uint8Array,
  nonce: Buffer,
  sealed: Uint8Array,
  aad: Uint8Array,
): Buffer {
  const ciphertext = sealed.subarray(0, sealed.length - TAG_SIZE)
  const opener = createDecipheriv(cipher as CipherGCMTypes, key, nonce, { authTagLength: TAG_SIZE })
  opener.setAAD(aad, { plaintextLength: ciphertext.length })
  opener.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE))
  try {
    return Buffer.concat([opener.update(ciphertext), opener.final()])
  } catch {
    throw new NotAuthenticError()
  }
}

/** The per-stream header tag T0: the tag of sealing nothing under sequence 0 with the user data. */
function headerTag(
  cipher: StreamCipher,
  key: Uint8Array,
  nonce8: Uint8Array,
  associatedData: Uint8Array,
): Buffer {
  return seal(cipher, key, packageNonce(nonce8, 0), new Uint8Array(), associatedData)
}

function packageAad(isFinal: boolean, tag: Buffer): Buffer {
  return Buffer.concat([Buffer.from([isFinal ? FINAL_FLAG : 0]), tag])
}

/**
 * Encrypts like sio-go's Stream.EncryptWriter: packages of `packageSize` plaintext bytes, each
 * sealed with nonce `nonce8 ‖ uint32le(i)` (i from 1) and AAD `flag ‖ T0`, the last flagged final.
 * An empty plaintext still yields one (empty) final package.
 */
export function sealStream(
  cipher: StreamCipher,
  key: Uint8Array,
  nonce8: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array = new Uint8Array(),
  packageSize = PACKAGE_SIZE,
): Buffer {
  const tag = headerTag(cipher, key, nonce8, associatedData)
  const parts: Buffer[] = []
  let offset = 0
  let sequence = 1
  do {
    const end = Math.min(offset + packageSize, plaintext.length)
    const isFinal = end === plaintext.length
    parts.push(
      seal(
        cipher,
        key,
        packageNonce(nonce8, sequence++),
        plaintext.subarray(offset, end),
        packageAad(isFinal, tag),
      ),
    )
    offset = end
  } while (offset < plaintext.length)
  return Buffer.concat(parts)
}

/**
 * Decrypts a sio-go stream; a package is final iff no bytes follow it. Throws NotAuthenticError on
 * a wrong key, any modified byte, or truncation (the final flag is authenticated).
 */
export function openStream(
  cipher: StreamCipher,
  key: Uint8Array,
  nonce8: Uint8Array,
  sealed: Uint8Array,
  associatedData: Uint8Array = new Uint8Array(),
  packageSize = PACKAGE_SIZE,
): Buffer {
  if (sealed.length < TAG_SIZE) throw new NotAuthenticError('sio: stream is truncated')
  const tag = headerTag(cipher, key, nonce8, associatedData)
  const parts: Buffer[] = []
  const pieceSize = packageSize + TAG_SIZE
  let sequence = 1
  for (let offset = 0; offset < sealed.length; offset += pieceSize) {
    const piece = sealed.subarray(offset, offset + pieceSize)
    if (piece.length < TAG_SIZE) throw new NotAuthenticError('sio: stream is truncated')
    const isFinal = offset + pieceSize >= sealed.length
    parts.push(open(cipher, key, packageNonce(nonce8, sequence++), piece, packageAad(isFinal, tag)))
  }
  return Buffer.concat(parts)
}
