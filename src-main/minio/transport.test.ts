import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../api/result.ts'
import { AdminTransport } from './transport.ts'

// A stand-in HTTP server for transport behaviour only (retries, gzip, timeouts, headers); every
// admin endpoint itself is tested against the real MinIO in *.int.test.ts.
let server: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
})

async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<AdminTransport> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return new AdminTransport({
    endpoint: `http://127.0.0.1:${port}`,
    accessKey: 'admin',
    secretKey: 'secret-key',
    timeoutMs: 300,
  })
}

const slowDown = (response: ServerResponse) =>
  response
    .writeHead(503, { 'content-type': 'application/json' })
    .end('{"Code":"XMinioServerNotInitialized","Message":"Server not initialized"}')

describe('AdminTransport', () => {
  it('retries a GET on 503 and returns the later success', async () => {
    let calls = 0
    const transport = await serve((_request, response) =>
      ++calls < 3 ? slowDown(response) : response.end('{"ok":true}'),
    )
    const reply = await transport.send({ method: 'GET', path: '/info', operation: 'read server info' })
    expect(reply.body.toString()).toBe('{"ok":true}')
    expect(calls).toBe(3)
  })

  it('never retries a write', async () => {
    let calls = 0
    const transport = await serve((_request, response) => {
      calls++
      slowDown(response)
    })
    const failure = await transport
      .send({ method: 'PUT', path: '/add-user', body: Buffer.from('x'), operation: 'create user' })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).code).toBe('MINIO_UNREACHABLE')
    expect(calls).toBe(1)
  })

  it('signs with the real body hash, sends Content-Length, sorted query, and asks for gzip', async () => {
    let seen: IncomingMessage | undefined
    const transport = await serve((request, response) => {
      seen = request
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.from('{"big":true}')))
    })
    const reply = await transport.send({
      method: 'GET',
      path: '/idp/builtin/policy-entities',
      query: { user: ['b+c', 'a'] },
      operation: 'read',
    })
    expect(reply.body.toString()).toBe('{"big":true}')
    expect(seen?.url).toBe('/minio/admin/v3/idp/builtin/policy-entities?user=a&user=b%2Bc')
    expect(seen?.headers['x-amz-content-sha256']).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
    expect(seen?.headers['content-length']).toBe('0')
    expect(seen?.headers['accept-encoding']).toBe('gzip')
    expect(seen?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=admin\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    )
  })

  it('a server that took the request and stays silent is still answering, not unreachable; no retry, even of a read', async () => {
    let calls = 0
    const transport = await serve(() => {
      calls++
    })
    const failure = await transport
      .send({ method: 'GET', path: '/info', operation: 'read server info' })
      .catch((error: unknown) => error)
    expect((failure as AppFailure).code).toBe('MINIO_SLOW')
    expect((failure as AppFailure).message).toContain('MinIO is still answering after 0.3 s (read server info)')
    expect(calls).toBe(1)
  })

  it('a call whose work grows with the deployment gets its own deadline', async () => {
    let answer: (() => void) | undefined
    const transport = await serve((_request, response) => {
      answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    const pending = transport.send({ method: 'GET', path: '/list-users', operation: 'list users', timeoutMs: 5_000 })
    // Answered well after the connection's 300 ms, within the call's own 5 s.
    await new Promise((resolve) => setTimeout(resolve, 600))
    answer?.()
    expect((await pending).status).toBe(200)
  })

  it('reports cancellation as CANCELLED', async () => {
    const transport = await serve(() => undefined)
    const controller = new AbortController()
    const pending = transport
      .send({ method: 'GET', path: '/info', operation: 'read server info', signal: controller.signal })
      .catch((error: unknown) => error)
    controller.abort()
    expect(((await pending) as AppFailure).code).toBe('CANCELLED')
  })
})

describe('request payload encryption choice', () => {
  const algorithmOf = async (endpoint: string) => {
    const transport = new AdminTransport({ endpoint, accessKey: 'admin', secretKey: 'secret-key' })
    const sealed = await transport.encrypt(new TextEncoder().encode('{"status":"enabled"}'))
    transport.close()
    return sealed[32] // madmin envelope: 32-byte salt, then the algorithm id
  }

  it('uses PBKDF2 (id 2) over TLS and loopback, where the channel already protects the body', async () => {
    expect(await algorithmOf('https://minio.example.com')).toBe(2)
    expect(await algorithmOf('http://127.0.0.1:9000')).toBe(2)
    expect(await algorithmOf('http://localhost:9000')).toBe(2)
  })

  it('keeps Argon2id (id 0) over plain http to another host', async () => {
    expect(await algorithmOf('http://10.1.2.3:9000')).toBe(0)
    // a name that merely starts like a loopback address resolves wherever its DNS says
    expect(await algorithmOf('http://127.0.0.1.nip.io:9000')).toBe(0)
    expect(await algorithmOf('http://foo.localhost:9000')).toBe(0)
  })
})
