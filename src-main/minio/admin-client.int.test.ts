import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { freePort, startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { AdminClient } from './admin-client.ts'

/** Awaits a promise expected to reject with AppFailure and returns it. */
async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(AppFailure)
  return error as AppFailure
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  )
}

const HTML = '<!doctype html><html><body>Welcome to nginx!</body></html>'

describe('AdminClient.serverInfo against the real MinIO', () => {
  let minio: MinioServer
  let certDir: string
  let certPem: string
  let keyPem: string
  const extraServers: Server[] = []

  beforeAll(async () => {
    minio = await startMinio()
    certDir = mkdtempSync(join(tmpdir(), 'gatehouse-cert-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(certDir, 'key.pem'),
        '-out',
        join(certDir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    certPem = readFileSync(join(certDir, 'cert.pem'), 'utf8')
    keyPem = readFileSync(join(certDir, 'key.pem'), 'utf8')
  })

  afterAll(async () => {
    await Promise.all(extraServers.map((server) => new Promise((resolve) => server.close(resolve))))
    rmSync(certDir, { recursive: true, force: true })
    await minio?.stop()
  })

  const client = (overrides: Partial<ConstructorParameters<typeof AdminClient>[0]> = {}) =>
    new AdminClient({
      endpoint: minio.endpoint,
      accessKey: minio.rootAccessKey,
      secretKey: minio.rootSecretKey,
      ...overrides,
    })

  it('returns the deployment as the UI shows it', async () => {
    const info = await client().serverInfo()
    expect(info.mode).toBe('online')
    expect(info.deploymentId).toMatch(/^[0-9a-f-]{36}$/)
    expect(info.versions.length).toBe(1)
    expect(info.drivesOnline).toBe(1)
    expect(info.drivesOffline).toBe(0)
    expect(info.bucketCount).toBe(0)
    expect(info.objectCount).toBe(0)
    expect(info.servers).toHaveLength(1)
    expect(info.servers[0]).toMatchObject({
      state: 'online',
      endpoint: new URL(minio.endpoint).host,
      drivesOnline: 1,
      drivesOffline: 0,
    })
  })

  it('says the secret key is wrong, naming the endpoint and access key but not the secret', async () => {
    const failure = await failureOf(client({ secretKey: 'wrong-secret-123' }).serverInfo())
    expect(failure.code).toBe('MINIO_AUTH_FAILED')
    expect(failure.message).toBe(
      `MinIO at ${minio.endpoint} rejected the secret key of access key ${minio.rootAccessKey} (SignatureDoesNotMatch). Check the secret key.`,
    )
    expect(failure.message).not.toContain('wrong-secret-123')
  })

  it('says the access key is unknown, with a different message', async () => {
    const failure = await failureOf(client({ accessKey: 'nobody-here' }).serverInfo())
    expect(failure.code).toBe('MINIO_AUTH_FAILED')
    expect(failure.message).toContain(
      `MinIO at ${minio.endpoint} does not know access key nobody-here (InvalidAccessKeyId)`,
    )
    expect(failure.message).not.toContain(minio.rootSecretKey)
  })

  it('says nothing listens on a closed port', async () => {
    const port = await freePort()
    const failure = await failureOf(client({ endpoint: `http://127.0.0.1:${port}` }).serverInfo())
    expect(failure.code).toBe('MINIO_UNREACHABLE')
    expect(failure.message).toContain(`http://127.0.0.1:${port}`)
    expect(failure.message).toContain('refused')
  })

  it('says a plain web server is not the MinIO admin API', async () => {
    const web = createHttpServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end(HTML),
    )
    extraServers.push(web)
    const port = await listen(web)
    const failure = await failureOf(client({ endpoint: `http://127.0.0.1:${port}` }).serverInfo())
    expect(failure.code).toBe('MINIO_NOT_ADMIN_API')
    expect(failure.message).toContain('text/html')
  })

  it('says a web server answering 404 HTML is not the MinIO admin API', async () => {
    const web = createHttpServer((_request, response) =>
      response.writeHead(404, { 'content-type': 'text/html' }).end(HTML),
    )
    extraServers.push(web)
    const port = await listen(web)
    expect((await failureOf(client({ endpoint: `http://127.0.0.1:${port}` }).serverInfo())).code).toBe(
      'MINIO_NOT_ADMIN_API',
    )
  })

  it('distinguishes TLS failures and honours the per-connection TLS options', async () => {
    const tlsServer = createHttpsServer({ cert: certPem, key: keyPem }, (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end(HTML),
    )
    extraServers.push(tlsServer)
    const port = await listen(tlsServer)
    const selfSigned = await failureOf(client({ endpoint: `https://127.0.0.1:${port}` }).serverInfo())
    expect(selfSigned.code).toBe('MINIO_TLS_FAILED')
    expect(selfSigned.message).toContain('self-signed')
    const wrongHost = await failureOf(
      client({ endpoint: `https://localhost:${port}`, tls: { caPem: certPem } }).serverInfo(),
    )
    expect(wrongHost.code).toBe('MINIO_TLS_FAILED')
    expect(wrongHost.message).toContain('different host name')
    // With the CA trusted (or checks off) TLS passes and the HTML page is recognised as not MinIO.
    expect(
      (
        await failureOf(
          client({ endpoint: `https://127.0.0.1:${port}`, tls: { caPem: certPem } }).serverInfo(),
        )
      ).code,
    ).toBe('MINIO_NOT_ADMIN_API')
    expect(
      (
        await failureOf(
          client({ endpoint: `https://127.0.0.1:${port}`, tls: { allowSelfSigned: true } }).serverInfo(),
        )
      ).code,
    ).toBe('MINIO_NOT_ADMIN_API')
    // https:// to a plain-HTTP port.
    const toPlain = await failureOf(
      client({ endpoint: minio.endpoint.replace('http:', 'https:') }).serverInfo(),
    )
    expect(toPlain.code).toBe('MINIO_TLS_FAILED')
  })

  it('refuses an endpoint with a path before sending anything', () => {
    expect(() => client({ endpoint: `${minio.endpoint}/minio` })).toThrow(AppFailure)
  })
})
