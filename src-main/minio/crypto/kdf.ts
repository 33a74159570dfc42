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

/** Argon2id cost parameters (memory in KiB, output length in bytes). */
export interface Argon2Params {
  passes: number
  memoryKiB: number
  lanes: number
  length: number
}

const MADMIN_ARGON2: Argon2Params = { passes: ARGON2_PASSES, memoryKiB: ARGON2_MEMORY_KIB, lanes: ARGON2_LANES, length: KEY_LENGTH }

type Argon2Derive = (password: Uint8Array, salt: Uint8Array, params: Argon2Params) => Promise<Uint8Array>

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
  return argon2id(password, salt, MADMIN_ARGON2)
}

/** Argon2id (version 0x13) with the given parameters, on the same backend as `deriveArgon2Key`. */
export async function argon2id(password: Uint8Array, salt: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  chosen ??= chooseArgon2()
  return chosen.derive(password, salt, params)
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
    return (password, salt, params) =>
      native.hash(Buffer.from(password), {
        raw: true,
        type: native.argon2id,
        timeCost: params.passes,
        memoryCost: params.memoryKiB,
        parallelism: params.lanes,
        hashLength: params.length,
        salt: Buffer.from(salt),
      })
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
  return (password, salt, params) =>
    new Promise((resolve, reject) =>
      argon2(
        'argon2id',
        {
          message: password,
          nonce: salt,
          parallelism: params.lanes,
          tagLength: params.length,
          memory: params.memoryKiB,
          passes: params.passes,
        },
        (error, key) => (error ? reject(error) : resolve(key)),
      ),
    )
}

function wasmDerive(password: Uint8Array, salt: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  return wasmArgon2id({
    password,
    salt,
    iterations: params.passes,
    memorySize: params.memoryKiB,
    parallelism: params.lanes,
    hashLength: params.length,
    outputType: 'binary',
  })
}
