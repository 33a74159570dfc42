import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { AppFailure } from '../api/result.ts'
import { CA_FILE_MAX_BYTES, readCaFile } from './ca-file.ts'

const tempDir = useTempDirs()

async function failureOf(path: string): Promise<AppFailure> {
  const error = await readCaFile(path).then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(AppFailure)
  return error as AppFailure
}

describe('readCaFile', () => {
  it('reads a PEM file', async () => {
    const path = join(tempDir('gh-ca-'), 'ca.pem')
    writeFileSync(path, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
    expect(await readCaFile(path)).toContain('BEGIN CERTIFICATE')
  })

  it('refuses a device such as /dev/zero instead of filling memory', async () => {
    const failure = await failureOf('/dev/zero')
    expect(failure.code).toBe('MINIO_TLS_FAILED')
    expect(failure.message).toBe('Could not read the CA file /dev/zero: it is not a regular file (a CA file is a PEM file of certificates). Fix the path in the connection.')
  })

  it('refuses a FIFO without waiting for a writer', async () => {
    const path = join(tempDir('gh-ca-'), 'ca.fifo')
    expect(spawnSync('mkfifo', [path]).status).toBe(0)
    expect((await failureOf(path)).message).toMatch(/ca\.fifo: it is not a regular file/)
  })

  it('refuses a directory and a file over 1 MiB, and names a missing file', async () => {
    const dir = tempDir('gh-ca-')
    expect((await failureOf(dir)).message).toMatch(/not a regular file/)
    const big = join(dir, 'big.pem')
    writeFileSync(big, Buffer.alloc(CA_FILE_MAX_BYTES + 1, 65))
    expect((await failureOf(big)).message).toMatch(/it is 1048577 bytes, more than the 1048576 bytes a CA bundle can be/)
    expect((await failureOf(join(dir, 'missing.pem'))).message).toMatch(/missing\.pem: ENOENT/)
  })
})
