import * as nodeCrypto from 'node:crypto'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { argon2id as wasmArgon2id } from 'hash-wasm'

// MinIO: madmin's Argon2id parameters (t=1, m=64 MiB, p=4, 32-byte key, version 0x13).
const ARGON2_PASSES = 1
const ARGON2_MEMORY_KIB = 64 * 1024
const ARGON2_LANES = 4
const KEY_LENGTH = 32
// MinIO: madmin's PBKDF2 (id 2, FIPS builds): HMAC-SHA256, 8192 iterations.
const PBKDF2_ITERATIONS = 8192

type Argon2Derive = (password: Uint8Array, salt: Uint8Array) => Promise<Uint8Array>

/** Which Argon2id implementation this runtime uses, fastest first (see bench/argon2.bench.ts). */
export type Argon2Backend = 'native' | 'node-crypto' | 'wasm'

let chosen: { backend: Argon2Backend; derive: Argon2Derive } | undefined

/**
 * Derives madmin's 32-byte payload key from the secret key and salt with Argon2id. Picks once per
 * process: the `argon2` N-API binding (fastest, off the main thread), then node:crypto's argon2
 * (Node >= 24.7 with OpenSSL; absent in Electron's BoringSSL), then hash-wasm (everywhere; blocks
 * the calling thread for ~100-250 ms). Rejects only on internal errors of the backend.
 */
export async function deriveArgon2Key(password: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  chosen ??= chooseArgon2()
  return chosen.derive(password, salt)
}

/** The backend `deriveArgon2Key` uses in this process (for diagnostics and the report). */
export function argon2Backend(): Argon2Backend {
  chosen ??= chooseArgon2()
  return chosen.backend
}

/** Derives the id-2 key with PBKDF2-HMAC-SHA256 (8192 iterations), off the main thread. */
export async function derivePbkdf2Key(password: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  return promisify(nodeCrypto.pbkdf2)(password, salt, PBKDF2_ITERATIONS, KEY_LENGTH, 'sha256')
}

function chooseArgon2(): { backend: Argon2Backend; derive: Argon2Derive } {
  const native = loadNativeArgon2()
  if (native) return { backend: 'native', derive: native }
  const builtIn = nodeCryptoArgon2()
  if (builtIn) return { backend: 'node-crypto', derive: builtIn }
  return { backend: 'wasm', derive: wasmDerive }
}

interface NativeArgon2 {
  argon2id: number
  hash: (password: Buffer, options: Record<string, unknown>) => Promise<Buffer>
}

function loadNativeArgon2(): Argon2Derive | undefined {
  // The prebuilt binding crashes (SIGSEGV, not catchable) when loaded by Node 20 on Linux, so
  // only try it on Node >= 22; Electron 45 embeds Node 24. GATEHOUSE_ARGON2 forces a backend.
  const major = Number(process.versions.node.split('.')[0])
  if (major < 22 || (process.env.GATEHOUSE_ARGON2 && process.env.GATEHOUSE_ARGON2 !== 'native'))
    return undefined
  try {
    const native = createRequire(import.meta.url)('argon2') as NativeArgon2
    const options = {
      raw: true,
      type: native.argon2id,
      timeCost: ARGON2_PASSES,
      memoryCost: ARGON2_MEMORY_KIB,
      parallelism: ARGON2_LANES,
      hashLength: KEY_LENGTH,
    }
    return (password, salt) => native.hash(Buffer.from(password), { ...options, salt: Buffer.from(salt) })
  } catch {
    return undefined
  }
}

type NodeArgon2 = (
  algorithm: string,
  parameters: Record<string, unknown>,
  callback: (error: Error | null, key: Buffer) => void,
) => void

function nodeCryptoArgon2(): Argon2Derive | undefined {
  const argon2 = (nodeCrypto as unknown as { argon2?: NodeArgon2 }).argon2
  if (
    typeof argon2 !== 'function' ||
    (process.env.GATEHOUSE_ARGON2 && process.env.GATEHOUSE_ARGON2 !== 'node-crypto')
  )
    return undefined
  return (password, salt) =>
    new Promise((resolve, reject) =>
      argon2(
        'argon2id',
        {
          message: password,
          nonce: salt,
          parallelism: ARGON2_LANES,
          tagLength: KEY_LENGTH,
          memory: ARGON2_MEMORY_KIB,
          passes: ARGON2_PASSES,
        },
        (error, key) => (error ? reject(error) : resolve(key)),
      ),
    )
}

function wasmDerive(password: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  return wasmArgon2id({
    password,
    salt,
    iterations: ARGON2_PASSES,
    memorySize: ARGON2_MEMORY_KIB,
    parallelism: ARGON2_LANES,
    hashLength: KEY_LENGTH,
    outputType: 'binary',
  })
}
