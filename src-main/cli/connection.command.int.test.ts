import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { temporaryAdminCredentials } from '../testbed/minio/sts-credentials.ts'
import { KeytarCredentialStore } from '../vault/keytar-store.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

// The real bin, the real MinIO, the real keyring (run under scripts/with-keyring.sh).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js')

describe('gatehouse connection (CLI) against the real MinIO and keyring', () => {
  let minio: MinioServer
  let dataDir: string
  const run = (args: string[], stdin = '') =>
    spawnSync(process.execPath, [BIN, 'connection', ...args], {
      input: stdin,
      encoding: 'utf8',
      env: { ...process.env, GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_S3_VALIDATION_RATE_LIMIT: '3' },
    })

  beforeAll(async () => {
    minio = await startMinio()
    dataDir = tempDir('gatehouse-cli-')
  })
  afterAll(async () => {
    run(['remove', 'local'])
    run(['remove', 'wrong'])
    run(['remove', 'temporary'])
    await minio.stop()
  })

  it('adds a connection with the secret from stdin, lists and tests it', () => {
    const added = run(['add', 'local', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], `${minio.rootSecretKey}\n`)
    expect(added.stderr).toBe('')
    expect(added.status).toBe(0)
    const listed = run(['list', '--json'])
    const [profile] = JSON.parse(listed.stdout) as Array<{ name: string; endpoint: string; hasSecret: boolean }>
    expect(profile).toMatchObject({ name: 'local', endpoint: minio.endpoint, hasSecret: true })
    const tested = run(['test', 'local', '--json'])
    expect(tested.status).toBe(0)
    const info = JSON.parse(tested.stdout) as { mode: string; drivesOnline: number; servers: unknown[] }
    expect(info.mode).toBe('online')
    expect(info.drivesOnline).toBe(1)
    expect(info.servers).toHaveLength(1)
  })

  it('never writes the secret to the data directory', () => {
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue
      expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(minio.rootSecretKey)
    }
  })

  it('refuses a secret on the command line', () => {
    const refused = run(['add', 'x', '--endpoint', minio.endpoint, '--access-key', 'a', '--secret-key', 'oops'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/shell history/)
  })

  it('reports a wrong secret distinctly, then rate-limits repeated tests', () => {
    run(['add', 'wrong', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], 'not-the-secret')
    const failed = run(['test', 'wrong'])
    expect(failed.status).toBe(1)
    expect(failed.stderr).toMatch(/^MINIO_AUTH_FAILED: .*secret key/)
    run(['test', 'wrong'])
    run(['test', 'wrong'])
    const limited = run(['test', 'wrong'])
    expect(limited.status).toBe(1)
    expect(limited.stderr).toMatch(/^RATE_LIMITED: .*Try again in \d+ s/)
  })

  it('with the keychain unreachable and no vault passphrase, adding fails with VAULT_LOCKED and leaves no profile', () => {
    const failed = spawnSync(process.execPath, [BIN, 'connection', 'add', 'nokeychain', '--endpoint', minio.endpoint, '--access-key', 'a'], {
      input: 'secret-that-must-not-persist',
      encoding: 'utf8',
      env: { ...process.env, GATEHOUSE_DATA_DIR: dataDir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
    })
    expect(failed.status).toBe(1)
    expect(failed.stderr).toMatch(/^VAULT_LOCKED: Secrets are kept in the encrypted vault here .*GATEHOUSE_VAULT_PASSPHRASE_FILE/)
    const names = (JSON.parse(run(['list', '--json']).stdout) as Array<{ name: string }>).map((profile) => profile.name)
    expect(names).not.toContain('nokeychain')
  })

  it('removes a connection and its secret', async () => {
    const keychain = new KeytarCredentialStore()
    const listedBefore = JSON.parse(run(['list', '--json']).stdout) as Array<{ id: string; name: string }>
    const wrongId = listedBefore.find((profile) => profile.name === 'wrong')!.id
    expect(await keychain.getSecret(wrongId)).toBe('not-the-secret')
    expect(run(['remove', 'wrong']).status).toBe(0)
    expect(await keychain.getSecret(wrongId)).toBeNull()
    const listed = JSON.parse(run(['list', '--json']).stdout) as Array<{ name: string }>
    expect(listed.map((profile) => profile.name)).toEqual(['local'])
    const missing = run(['test', 'wrong'])
    expect(missing.stderr).toMatch(/^NOT_FOUND: No connection named 'wrong'/)
  })

  it('adds temporary credentials with --session-token (secret key and token on two stdin lines), tests and removes them', async () => {
    const sts = await temporaryAdminCredentials(minio)
    const add = (stdin: string) => run(['add', 'temporary', '--endpoint', minio.endpoint, '--access-key', sts.accessKey, '--session-token'], stdin)
    const oneLine = add(`${sts.secretKey}\n`)
    expect(oneLine.status).toBe(2)
    expect(oneLine.stderr).toMatch(/two lines: the secret key, then the session token/)
    const noToken = run(['add', 'temporary', '--endpoint', minio.endpoint, '--access-key', sts.accessKey, '--expires-at', sts.expiresAt], sts.secretKey)
    expect(noToken.status).toBe(2)
    expect(noToken.stderr).toMatch(/--expires-at is for temporary credentials: add --session-token/)
    const added = run(['add', 'temporary', '--endpoint', minio.endpoint, '--access-key', sts.accessKey, '--session-token', '--expires-at', sts.expiresAt], `${sts.secretKey}\n${sts.sessionToken}\n`)
    expect(added.stderr).toBe('')
    expect(added.stdout).toMatch(/secret key and session token stored in/)
    const listed = JSON.parse(run(['list', '--json']).stdout) as Array<{ id: string; name: string; hasSecret: boolean; hasSessionToken: boolean }>
    const profile = listed.find((candidate) => candidate.name === 'temporary')!
    expect(profile).toMatchObject({ hasSecret: true, hasSessionToken: true, sessionExpiresAt: new Date(sts.expiresAt).toISOString() })
    expect(run(['list']).stdout).toMatch(/temporary .*\(temporary\)/)
    const tested = run(['test', 'temporary', '--json'])
    expect(tested.stderr).toBe('')
    expect((JSON.parse(tested.stdout) as { mode: string }).mode).toBe('online')
    const keychain = new KeytarCredentialStore()
    expect(await keychain.getSessionToken(profile.id)).toBe(sts.sessionToken)
    expect(run(['remove', 'temporary']).status).toBe(0)
    expect([await keychain.getSecret(profile.id), await keychain.getSessionToken(profile.id)]).toEqual([null, null])
  })
})
