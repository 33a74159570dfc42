import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { temporaryAdminCredentials, type TemporaryCredentials } from '../testbed/minio/sts-credentials.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { KeytarCredentialStore } from '../vault/keytar-store.ts'
import type { AppServices } from './app-services.ts'
import { openAppServices } from './open-app-services.ts'

const tempDir = useTempDirs()

// Temporary (STS) credentials against the real MinIO and the real keyring (scripts/with-keyring.sh):
// a consoleAdmin user's AssumeRole credentials, saved as a connection with their session token.
describe('a connection with temporary credentials', () => {
  let minio: MinioServer
  let app: AppServices
  let sts: TemporaryCredentials
  const keychain = new KeytarCredentialStore()
  const fields = () => ({ endpoint: minio.endpoint, accessKey: sts.accessKey, tls: { allowSelfSigned: false } })
  const failureOf = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a failure'), (error: { code: string; message: string }) => error)

  beforeAll(async () => {
    minio = await startMinio()
    sts = await temporaryAdminCredentials(minio)
    app = await openAppServices({ dataDir: tempDir('gatehouse-sts-') })
  })
  afterAll(async () => {
    for (const connection of (await app?.connections.list()) ?? []) await app.connections.remove(connection.id)
    app?.close()
    await minio?.stop()
  })

  it('tests the connection and makes admin calls with the session token', async () => {
    const view = await app.connections.create({ name: 'sts', ...fields(), secretKey: sts.secretKey, sessionToken: sts.sessionToken, sessionExpiresAt: sts.expiresAt })
    expect(view).toMatchObject({ hasSecret: true, hasSessionToken: true, sessionExpiresAt: new Date(sts.expiresAt).toISOString(), warnings: [] })
    expect(JSON.stringify(view)).not.toContain(sts.sessionToken)
    const info = await app.connections.test('sts')
    expect(info.mode).toBe('online')
    const users = await app.withIam(view.id, (reader) => reader.listUsers())
    expect(users.map((user) => user.accessKey)).toContain(sts.parentUser)
    const iam = await app.iam('sts')
    await iam.createGroup('sts-made-group', [sts.parentUser]).finally(() => iam.close())
  })

  it('keeps the secret key and the token out of every file of the data directory, audit trail included', () => {
    const files = readdirSync(app.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    expect(files.map((file) => file.name)).toContain('connections.json')
    for (const file of files) {
      const content = readFileSync(join(file.parentPath, file.name)).toString('latin1')
      expect(content).not.toContain(sts.secretKey)
      expect(content).not.toContain(sts.sessionToken)
    }
  })

  it('says the session token was refused when it was tampered with, distinct from a wrong secret key', async () => {
    const tampered = `${sts.sessionToken.slice(0, -4)}${sts.sessionToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`
    await app.connections.create({ name: 'sts-tampered', ...fields(), secretKey: sts.secretKey, sessionToken: tampered })
    const refused = await failureOf(app.connections.test('sts-tampered'))
    expect(refused.code).toBe('MINIO_AUTH_FAILED')
    expect(refused.message).toMatch(/rejected the session token of connection 'sts-tampered' \(InvalidTokenId\)/)
    await app.connections.create({ name: 'sts-wrong-secret', ...fields(), secretKey: 'not-the-secret-key', sessionToken: sts.sessionToken })
    const wrongSecret = await failureOf(app.connections.test('sts-wrong-secret'))
    expect(wrongSecret.code).toBe('MINIO_AUTH_FAILED')
    expect(wrongSecret.message).toMatch(/rejected the secret key .*\(SignatureDoesNotMatch\)/)
  })

  it('says the token is missing when the same credentials come without it', async () => {
    await app.connections.create({ name: 'sts-no-token', ...fields(), secretKey: sts.secretKey })
    const missing = await failureOf(app.connections.test('sts-no-token'))
    expect(missing.code).toBe('MINIO_AUTH_FAILED')
    expect(missing.message).toMatch(
      new RegExp(`says access key ${sts.accessKey} of connection 'sts-no-token' is a temporary credential that needs its session token \\(InvalidTokenId\\)\\. Edit the connection and add the session token`),
    )
    const { id } = await app.connections.update(app.connections.profile('sts-no-token').id, { name: 'sts-no-token', ...fields(), sessionToken: sts.sessionToken })
    expect((await app.connections.get(id)).hasSessionToken).toBe(true)
    expect((await app.connections.test(id)).mode).toBe('online')
  })

  it('drops the token when a new secret key comes without one, and removing deletes both keychain entries', async () => {
    const { id } = app.connections.profile('sts')
    expect([await keychain.getSecret(id), await keychain.getSessionToken(id)]).toEqual([sts.secretKey, sts.sessionToken])
    const clash = app.connections.update(id, { name: 'sts-no-token', ...fields(), secretKey: 'replacement-secret' })
    await expect(clash).rejects.toMatchObject({ code: 'CONFLICT' })
    expect([await keychain.getSecret(id), await keychain.getSessionToken(id)]).toEqual([sts.secretKey, sts.sessionToken])
    const pastExpiry = await app.connections.update(id, { name: 'sts', ...fields(), sessionExpiresAt: '2020-01-01T00:00:00Z' })
    expect(pastExpiry.warnings).toEqual([expect.stringMatching(/^The temporary credentials expired at 2020-01-01T00:00:00.000Z\. Get new ones/)])
    await expect(app.connections.update(id, { name: 'sts', ...fields(), sessionExpiresAt: 'soon' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const permanent = await app.connections.update(id, { name: 'sts', ...fields(), secretKey: sts.secretKey, sessionExpiresAt: '2020-01-01T00:00:00Z' })
    expect(permanent).toMatchObject({ hasSecret: true, hasSessionToken: false, warnings: [] })
    expect(permanent.sessionExpiresAt).toBeUndefined()
    expect(await keychain.getSessionToken(id)).toBeNull()
    await app.connections.update(id, { name: 'sts', ...fields(), secretKey: sts.secretKey, sessionToken: sts.sessionToken })
    await app.connections.remove(id)
    expect([await keychain.getSecret(id), await keychain.getSessionToken(id)]).toEqual([null, null])
    const { secrets, sessionTokens } = await keychain.storedIds()
    const stored = [...secrets, ...sessionTokens]
    expect(stored).not.toContain(id)
  })
})
