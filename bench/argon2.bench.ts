/**
 * Argon2id candidates for madmin's payload KDF (t=1, m=64 MiB, p=4, 32-byte key): ms per
 * derivation, sequential and 4 at once, on this machine. Run: `npx tsx bench/argon2.bench.ts`
 * (Node 24) or `node node_modules/tsx/dist/cli.mjs bench/argon2.bench.ts` (Node 20).
 */
import * as nodeCrypto from 'node:crypto'
import { createRequire } from 'node:module'
import { argon2id as nobleArgon2id, argon2idAsync as nobleArgon2idAsync } from '@noble/hashes/argon2.js'
import { argon2id as wasmArgon2id } from 'hash-wasm'

const PARAMETERS = { t: 1, m: 64 * 1024, p: 4, dkLen: 32 }
const password = Buffer.from('xPl.8/rhR"Q_1xLt')
const salt = nodeCrypto.randomBytes(32)
type Derive = () => Promise<Uint8Array>

const candidates: Record<string, Derive | undefined> = {
  '@noble/hashes argon2id (pure JS, sync)': async () => nobleArgon2id(password, salt, PARAMETERS),
  '@noble/hashes argon2idAsync (pure JS)': () => nobleArgon2idAsync(password, salt, PARAMETERS),
  'hash-wasm argon2id (WebAssembly)': () =>
    wasmArgon2id({
      password,
      salt,
      iterations: 1,
      memorySize: 64 * 1024,
      parallelism: 4,
      hashLength: 32,
      outputType: 'binary',
    }),
  'node:crypto argon2 (async, Node >= 24.7)': nodeArgon2(),
  'argon2 npm (native N-API, async)': nativeArgon2(),
}

function nodeArgon2(): Derive | undefined {
  const argon2 = (
    nodeCrypto as unknown as {
      argon2?: (
        algorithm: string,
        options: object,
        callback: (error: Error | null, key: Buffer) => void,
      ) => void
    }
  ).argon2
  if (!argon2) return undefined
  const options = {
    message: password,
    nonce: salt,
    parallelism: 4,
    tagLength: 32,
    memory: 64 * 1024,
    passes: 1,
  }
  return () =>
    new Promise((resolve, reject) =>
      argon2('argon2id', options, (error, key) => (error ? reject(error) : resolve(key))),
    )
}

function nativeArgon2(): Derive | undefined {
  // Loading the prebuilt binding on Node 20 crashes the process (SIGSEGV), as in src-main/minio/crypto/kdf.ts.
  if (Number(process.versions.node.split('.')[0]) < 22) return undefined
  try {
    const native = createRequire(import.meta.url)('argon2') as {
      hash: (password: Buffer, options: object) => Promise<Buffer>
      argon2id: number
    }
    const options = {
      raw: true,
      salt,
      type: native.argon2id,
      timeCost: 1,
      memoryCost: 64 * 1024,
      parallelism: 4,
      hashLength: 32,
    }
    return () => native.hash(password, options)
  } catch {
    return undefined
  }
}

async function measure(
  derive: Derive,
  runs: number,
): Promise<{ sequential: number[]; parallelPerKey: number; key: string }> {
  const key = Buffer.from(await derive()).toString('hex') // warm-up (WASM compile, module load)
  const sequential: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    await derive()
    sequential.push(performance.now() - start)
  }
  const start = performance.now()
  await Promise.all([derive(), derive(), derive(), derive()])
  return { sequential, parallelPerKey: (performance.now() - start) / 4, key }
}

console.log(`Node ${process.version}, cores: ${(await import('node:os')).availableParallelism()}`)
const keys = new Set<string>()
for (const [name, derive] of Object.entries(candidates)) {
  if (!derive) {
    console.log(`${name.padEnd(44)} unavailable in this runtime`)
    continue
  }
  const result = await measure(derive, 5)
  keys.add(result.key)
  const sorted = [...result.sequential].sort((left, right) => left - right)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  console.log(
    `${name.padEnd(44)} median ${median.toFixed(1)} ms (runs ${result.sequential.map((value) => value.toFixed(0)).join('/')}), 4 concurrent: ${result.parallelPerKey.toFixed(1)} ms per key`,
  )
}
console.log(keys.size === 1 ? 'all candidates derived the same key' : `MISMATCH: ${keys.size} different keys`)
