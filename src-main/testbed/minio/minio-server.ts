import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { minioBinary } from './built-tools.ts'

export interface MinioServer {
  endpoint: string
  rootAccessKey: string
  rootSecretKey: string
  dataDir: string
  /** Last lines the server printed, for failure messages. */
  log: () => string
  /** Kills the server (SIGKILL), e.g. to test a server dying mid-operation. Idempotent. */
  kill: () => Promise<void>
  /** Stops the server and removes its data directory. Idempotent. */
  stop: () => Promise<void>
}

/**
 * Environment for MinIO's built-in KMS with one random static key, so tests can set default
 * server-side encryption on buckets (pass as `env` to startMinio).
 */
export function builtinKmsEnv(): Record<string, string> {
  return { MINIO_KMS_SECRET_KEY: `gatehouse-test-key:${randomBytes(32).toString('base64')}` }
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface StartOptions {
  /** For a distributed deployment: all nodes' volume arguments; this node listens on `port`. */
  volumes?: string[]
  port?: number
  rootAccessKey?: string
  rootSecretKey?: string
  dataDir?: string
  /** Wait for /minio/health/live (single node) or /minio/health/cluster (distributed). */
  readinessPath?: string
  env?: Record<string, string>
  /** IP to listen on; default 127.0.0.1. */
  host?: string
}

/**
 * Starts the real MinIO server built from source on a free loopback port, with a temp data dir
 * and random root credentials, and waits until it is live. Always pair with `stop()`.
 */
export async function startMinio(options: StartOptions = {}): Promise<MinioServer> {
  const port = options.port ?? (await freePort())
  const consolePort = await freePort()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gatehouse-minio-'))
  const rootAccessKey = options.rootAccessKey ?? `root${randomBytes(6).toString('hex')}`
  const rootSecretKey = options.rootSecretKey ?? randomBytes(24).toString('base64url')
  const host = options.host ?? '127.0.0.1'
  const endpoint = `http://${host}:${port}`
  const child = spawn(
    minioBinary(),
    ['server', '--quiet', '--address', `${host}:${port}`, '--console-address', `127.0.0.1:${consolePort}`, ...(options.volumes ?? [dataDir])],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dataDir,
        MINIO_ROOT_USER: rootAccessKey,
        MINIO_ROOT_PASSWORD: rootSecretKey,
        MINIO_BROWSER: 'off',
        MINIO_UPDATE: 'off',
        MINIO_CI_CD: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const lines: string[] = []
  const remember = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  child.stdout?.on('data', remember)
  child.stderr?.on('data', remember)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let stopped = false
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  const server: MinioServer = {
    endpoint,
    rootAccessKey,
    rootSecretKey,
    dataDir,
    log: () => lines.join('\n'),
    kill,
    stop: async () => {
      if (stopped) return
      stopped = true
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
  try {
    await waitUntilReady(child, `${endpoint}${options.readinessPath ?? '/minio/health/live'}`, 60_000)
  } catch (error) {
    await server.stop()
    throw new Error(`MinIO did not start: ${(error as Error).message}\n${server.log()}`, { cause: error })
  }
  return server
}

async function waitUntilReady(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`not ready at ${url} after ${timeoutMs} ms`)
}

/** Starts a 4-node distributed deployment on loopback (four processes sharing one erasure set). */
export async function startDistributedMinio(): Promise<MinioServer[]> {
  const ports = await Promise.all([0, 1, 2, 3].map(() => freePort()))
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-minio-dist-'))
  const rootAccessKey = `root${randomBytes(6).toString('hex')}`
  const rootSecretKey = randomBytes(24).toString('base64url')
  const host = distributedHost()
  const volumes = ports.map((port, index) => `http://${host}:${port}${root}/node${index}`)
  const nodes = await Promise.all(
    ports.map((port) =>
      startMinio({ port, host, volumes, rootAccessKey, rootSecretKey, dataDir: root, readinessPath: '/minio/health/cluster' }),
    ),
  )
  const stopAll = async () => {
    await Promise.all(nodes.map((node) => node.stop()))
    rmSync(root, { recursive: true, force: true })
  }
  return nodes.map((node) => ({ ...node, stop: stopAll }))
}

/**
 * MinIO in a container (it looks for /.dockerenv, /run/.containerenv, KUBERNETES_SERVICE_HOST)
 * waits forever for distributed endpoints that resolve to loopback ("resolves to localhost in a
 * containerized deployment"), so there the nodes use this machine's own non-loopback IPv4 address;
 * traffic still never leaves the machine.
 */
function distributedHost(): string {
  const containerised = existsSync('/.dockerenv') || existsSync('/run/.containerenv') || Boolean(process.env.KUBERNETES_SERVICE_HOST)
  if (!containerised) return '127.0.0.1'
  const addresses = Object.values(networkInterfaces()).flat()
  return addresses.find((address) => address?.family === 'IPv4' && !address.internal)?.address ?? '127.0.0.1'
}
