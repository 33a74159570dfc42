import { spawn, spawnSync } from 'node:child_process'
import { createServer, connect, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'
import { AppFailure } from '../api/result.ts'
import type { IamReader } from './iam-session.ts'
import { openAppServices } from './open-app-services.ts'
import { AUTH_FAILURE_LIMIT } from './profile-rate-limit.ts'

// The real MinIO, the real keyring (scripts/with-keyring.sh), real processes racing on one data directory.
const tempDir = useTempDirs()
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js')

/** A TCP relay in front of MinIO that counts the HTTP requests reaching it. */
async function countingRelay(target: URL): Promise<{ endpoint: string; requests: () => number; close: () => void }> {
  let requests = 0
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname)
    client.on('data', (chunk: Buffer) => (requests += chunk.toString('latin1').match(/^(GET|PUT|POST|DELETE|HEAD) \/\S* HTTP\/1\.1\r$/gm)?.length ?? 0))
    client.pipe(upstream).pipe(client)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { endpoint: `http://127.0.0.1:${port}`, requests: () => requests, close: () => server.close() }
}

describe('per-profile rate limits across processes, against the real MinIO', () => {
  let minio: MinioServer
  let dataDir: string
  const env = () => ({ ...process.env, GATEHOUSE_DATA_DIR: dataDir })
  const cli = (args: string[], stdin = '') => spawnSync(process.execPath, [BIN, 'connection', ...args], { input: stdin, encoding: 'utf8', env: env() })

  beforeAll(async () => {
    minio = await startMinio()
    dataDir = tempDir('gatehouse-rate-int-')
  })
  afterAll(async () => {
    cli(['remove', 'sandbox'])
    cli(['remove', 'wrong'])
    await minio.stop()
  })

  it('16 parallel `gatehouse connection test` processes: exactly 10 pass, 6 are RATE_LIMITED', async () => {
    expect(cli(['add', 'sandbox', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], `${minio.rootSecretKey}\n`).status).toBe(0)
    const runs = await Promise.all(
      Array.from({ length: 16 }, () =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [BIN, 'connection', 'test', 'sandbox'], { env: env(), stdio: ['ignore', 'ignore', 'pipe'] })
          let stderr = ''
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
          child.on('close', (code) => resolve({ code, stderr }))
        }),
      ),
    )
    const passed = runs.filter((run) => run.code === 0).length
    console.log(`parallel connection tests passed: ${passed} of 16 (limit 10)`)
    expect(passed).toBe(10)
    for (const run of runs.filter((candidate) => candidate.code !== 0)) expect(run.stderr).toMatch(/RATE_LIMITED: .*Try again in \d+ s\./)
  })

  it('a wrong-secret profile stops reaching MinIO after the failure limit, on every call, until the secret is changed', async () => {
    const relay = await countingRelay(new URL(minio.endpoint))
    const services = await openAppServices({ dataDir })
    try {
      const profile = await services.connections.create({ name: 'wrong', endpoint: relay.endpoint, accessKey: minio.rootAccessKey, secretKey: 'not-the-secret', tls: { allowSelfSigned: false } })
      const codes: string[] = []
      const read = <T>(use: (client: IamReader) => Promise<T>) => services.withIam(profile.id, use)
      const calls = [
        () => services.connections.test(profile.id),
        () => read((client) => client.listUsers()),
        () => read((client) => client.listPolicies()),
        () => read((client) => client.accountInfo()),
        () => read((client) => client.listGroups()),
      ]
      for (let round = 0; round < 3; round++) {
        for (const call of calls) codes.push(await call().then(() => 'ok', (error: unknown) => (error instanceof AppFailure ? error.code : String(error))))
      }
      console.log(`wrong-secret profile, 15 calls: ${JSON.stringify(codes)}; requests that reached MinIO: ${relay.requests()}`)
      expect(codes.slice(0, AUTH_FAILURE_LIMIT)).toEqual(Array(AUTH_FAILURE_LIMIT).fill('MINIO_AUTH_FAILED'))
      expect(codes.slice(AUTH_FAILURE_LIMIT)).toEqual(Array(15 - AUTH_FAILURE_LIMIT).fill('RATE_LIMITED'))
      expect(relay.requests()).toBe(AUTH_FAILURE_LIMIT)
      // Another process on the same data directory is braked too.
      const other = cli(['test', 'wrong'])
      expect(other.stderr).toMatch(/RATE_LIMITED: Connection 'wrong' was refused by the server 5 times .*Try again in \d+ s, or edit the connection/)
      expect(relay.requests()).toBe(AUTH_FAILURE_LIMIT)
      // The right secret releases the brake.
      await services.connections.update(profile.id, { name: 'wrong', endpoint: relay.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })
      expect(await read((client) => client.accountInfo())).toMatchObject({ accountName: minio.rootAccessKey })
    } finally {
      services.close()
      relay.close()
    }
  })
})
