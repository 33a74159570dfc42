import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { argon2id, type Argon2Params } from '../minio/crypto/kdf.ts'
import { AppFailure } from '../api/result.ts'

/** The vault's file name in the data directory. */
export const VAULT_FILE = 'secrets.vault'

/** Argon2id cost, stored in each file's header: RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes). */
export const DEFAULT_KDF: KdfParams = { passes: 3, memoryKiB: 64 * 1024, lanes: 4 }
export type KdfParams = Omit<Argon2Params, 'length'>

// Bounds on what a header may ask for: a damaged or hostile file must not make us allocate gigabytes.
const kdfSchema = z.object({
  name: z.literal('argon2id'),
  passes: z.number().int().min(1).max(16),
  memoryKiB: z.number().int().min(8 * 1024).max(1024 * 1024),
  lanes: z.number().int().min(1).max(16),
  salt: z.base64(),
})

const fileSchema = z
  .object({
    format: z.literal('gatehouse-vault'),
    version: z.literal(1),
    kdf: kdfSchema,
    cipher: z.literal('aes-256-gcm'),
    /** HMAC-SHA256 of a fixed label under the key: tells a wrong passphrase from a damaged file. */
    check: z.base64(),
    /** Account names only (connection ids, `<id>#session-token`): lists work while locked. Never a secret. */
    accounts: z.array(z.string().max(300)).max(100_000),
    iv: z.base64(),
    tag: z.base64(),
    data: z.base64(),
  })
  .strict()

export type VaultFileContents = z.output<typeof fileSchema>

/** A key derived from the passphrase, with the salt and cost it was derived under. */
export interface VaultKey {
  key: Buffer
  salt: string
  kdf: KdfParams
  check: string
}

export async function deriveVaultKey(passphrase: string, kdf: KdfParams, salt = randomBytes(16).toString('base64')): Promise<VaultKey> {
  const derived = await argon2id(Buffer.from(passphrase.normalize('NFC'), 'utf8'), Buffer.from(salt, 'base64'), { ...kdf, length: 32 })
  const key = Buffer.from(derived)
  return { key, salt, kdf, check: createHmac('sha256', key).update('gatehouse-vault key check').digest('base64') }
}

/** Reads and checks the file's structure; null when there is none. Never needs the passphrase. */
export function readVaultFile(path: string): VaultFileContents | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new AppFailure('VAULT_CORRUPT', `Could not read the secrets vault ${path}: ${(error as Error).message}.`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw corrupt(path, 'it is not JSON')
  }
  const result = fileSchema.safeParse(parsed)
  if (!result.success) throw corrupt(path, `its header is invalid (${result.error.issues[0]?.path.join('.') || 'file'}: ${result.error.issues[0]?.message})`)
  return result.data
}

/** The key the file was written under, from the passphrase: a wrong passphrase is VAULT_LOCKED, nothing else happens. */
export async function keyForFile(path: string, file: VaultFileContents, passphrase: string): Promise<VaultKey> {
  const { name: _name, salt, ...kdf } = file.kdf
  const key = await deriveVaultKey(passphrase, kdf, salt)
  if (!sameText(key.check, file.check)) {
    throw new AppFailure('VAULT_LOCKED', `Wrong passphrase for the secrets vault ${path}. Nothing was changed; try again.`)
  }
  return key
}

/** Decrypts the entries (account → secret). Any change to header or body fails authentication and is refused. */
export function decryptEntries(path: string, file: VaultFileContents, key: VaultKey): Record<string, string> {
  if (file.kdf.salt !== key.salt || !sameText(file.check, key.check)) {
    throw new AppFailure('VAULT_LOCKED', `The secrets vault ${path} was re-encrypted under another passphrase since it was unlocked; unlock it again.`)
  }
  let plain: string
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(file.iv, 'base64'))
    decipher.setAAD(headerBytes(file))
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'))
    plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]).toString('utf8')
  } catch {
    throw corrupt(path, 'it was altered or damaged (authentication failed)')
  }
  const entries = JSON.parse(plain) as Record<string, string>
  const accounts = Object.keys(entries).sort()
  if (accounts.join('\n') !== [...file.accounts].sort().join('\n')) throw corrupt(path, 'its account list does not match its contents')
  return entries
}

/** Encrypts the entries under the key with a fresh IV; the header (salt, cost, account names) is authenticated too. */
export function encryptEntries(entries: Record<string, string>, key: VaultKey): VaultFileContents {
  const header = {
    format: 'gatehouse-vault' as const,
    version: 1 as const,
    kdf: { name: 'argon2id' as const, ...key.kdf, salt: key.salt },
    cipher: 'aes-256-gcm' as const,
    check: key.check,
    accounts: Object.keys(entries).sort(),
    iv: randomBytes(12).toString('base64'),
  }
  const cipher = createCipheriv('aes-256-gcm', key.key, Buffer.from(header.iv, 'base64'))
  cipher.setAAD(headerBytes(header))
  const data = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()])
  return { ...header, tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }
}

/**
 * Replaces the file atomically: a temp file beside it (0600), fsync, rename, fsync of the
 * directory. A crash at any point leaves the old file or the new one, never neither.
 */
export function writeVaultFile(path: string, file: VaultFileContents): void {
  const dir = dirname(path)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const fd = openSync(temp, 'wx', 0o600)
  try {
    writeSync(fd, JSON.stringify(file))
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    unlinkSync(temp)
    throw error
  }
  closeSync(fd)
  renameSync(temp, path)
  syncDirectory(dir)
}

// Makes the rename itself durable. Windows cannot open a directory; its rename is what it is.
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

// Every header field in a fixed order: the bytes GCM authenticates alongside the ciphertext.
function headerBytes(file: Omit<VaultFileContents, 'tag' | 'data'>): Buffer {
  const { kdf } = file
  return Buffer.from(JSON.stringify([file.format, file.version, kdf.name, kdf.passes, kdf.memoryKiB, kdf.lanes, kdf.salt, file.cipher, file.check, file.accounts, file.iv]))
}

function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)]
  return left.length === right.length && timingSafeEqual(left, right)
}

function corrupt(path: string, why: string): AppFailure {
  return new AppFailure(
    'VAULT_CORRUPT',
    `Refusing the secrets vault ${path}: ${why}. Nothing was read or changed. Restore it from a backup, or move it away to start a new vault (its secrets are then lost).`,
  )
}
