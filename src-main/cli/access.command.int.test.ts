import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Client } from 'minio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { s3Client } from '../testbed/live-differential/live-s3-requests.ts'
import { createMc, type Mc } from '../testbed/minio/mc-cli.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

// `gatehouse access` over a live connection: the real bin, MinIO and keyring (under
// scripts/with-keyring.sh); the state is made with mc, and every answer is asked of the server
// with the principal's own credentials.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js')
const tag = randomBytes(3).toString('hex')
const bucket = `data-${tag}`
const secret = () => randomBytes(15).toString('base64url')
const reader = { user: `reader-${tag}`, secret: secret() }
const member = { user: `member-${tag}`, secret: secret() }
const outsider = { user: `outsider-${tag}`, secret: secret() }
const key = { accessKey: `key${tag}reader`, secret: secret() }

describe('gatehouse access --connection (CLI) against the real MinIO', () => {
  let minio: MinioServer
  let dataDir: string
  let mc: Mc
  const run = (args: string[], stdin = '') =>
    spawnSync(process.execPath, [BIN, ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, GATEHOUSE_DATA_DIR: dataDir } })

  beforeAll(async () => {
    minio = await startMinio()
    dataDir = tempDir('gatehouse-cli-access-')
    const root = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
    mc = await createMc({ kind: 'single', nodes: [minio], root, stop: () => minio.stop() })
    await s3Client(root.endpoint, root.accessKey, root.secretKey).makeBucket(bucket)
    const read = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/reports/*`] }] }
    await mc.json('admin', 'policy', 'create', 'ALIAS', `read-${tag}`, mc.file('read.json', JSON.stringify(read)))
    for (const person of [reader, member, outsider]) await mc.json('admin', 'user', 'add', 'ALIAS', person.user, person.secret)
    await mc.json('admin', 'policy', 'attach', 'ALIAS', `read-${tag}`, '--user', reader.user)
    await mc.json('admin', 'group', 'add', 'ALIAS', `team-${tag}`, member.user)
    await mc.json('admin', 'policy', 'attach', 'ALIAS', `read-${tag}`, '--group', `team-${tag}`)
    await mc.json('admin', 'policy', 'attach', 'ALIAS', 'readwrite', '--user', outsider.user)
    await mc.json('admin', 'user', 'svcacct', 'add', 'ALIAS', reader.user, '--access-key', key.accessKey, '--secret-key', key.secret)
    const added = run(['connection', 'add', 'local', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], `${minio.rootSecretKey}\n`)
    expect(added.status, added.stderr).toBe(0)
  }, 60_000)
  afterAll(async () => {
    run(['connection', 'remove', 'local'])
    mc?.cleanup()
    await minio.stop()
  })

  /** Whether the server lets these credentials read the object (a missing object is a 404, not a 403). */
  async function serverAllowsRead(client: Client, object: string): Promise<boolean> {
    try {
      await client.statObject(bucket, object)
      return true
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'AccessDenied') return false
      if (code === 'NotFound' || code === 'NoSuchKey') return true
      throw error
    }
  }

  it('who-can names exactly the principals the server lets read the object, and no one it refuses', async () => {
    const asked = run(['access', 'who-can', '--connection', 'local', '--action', 's3:GetObject', '--resource', `${bucket}/reports/q1.csv`, '--json'])
    expect(asked.status, asked.stderr).toBe(0)
    const answer = JSON.parse(asked.stdout) as { allowed: Array<{ kind: string; name: string }> }
    const named = new Set(answer.allowed.map((entry) => `${entry.kind}:${entry.name}`))
    expect(named).toEqual(new Set([`user:${reader.user}`, `user:${member.user}`, `user:${outsider.user}`, `group:team-${tag}`, `accessKey:${key.accessKey}`]))
    const credentials = [
      { name: `user:${reader.user}`, client: s3Client(minio.endpoint, reader.user, reader.secret) },
      { name: `user:${member.user}`, client: s3Client(minio.endpoint, member.user, member.secret) },
      { name: `user:${outsider.user}`, client: s3Client(minio.endpoint, outsider.user, outsider.secret) },
      { name: `accessKey:${key.accessKey}`, client: s3Client(minio.endpoint, key.accessKey, key.secret) },
    ]
    for (const { name, client } of credentials) expect(await serverAllowsRead(client, 'reports/q1.csv'), name).toBe(named.has(name))

    // Outside the policy's prefix only the readwrite user is named, and the server agrees.
    const other = JSON.parse(run(['access', 'who-can', '--connection', 'local', '--action', 's3:GetObject', '--resource', `${bucket}/private/x`, '--json']).stdout) as { allowed: Array<{ kind: string; name: string }> }
    expect(other.allowed.map((entry) => `${entry.kind}:${entry.name}`)).toEqual([`user:${outsider.user}`])
    for (const { name, client } of credentials) expect(await serverAllowsRead(client, 'private/x'), name).toBe(name === `user:${outsider.user}`)
  })

  it("matrix of a group member: its group's policy, as the server answers", async () => {
    const asked = run(['access', 'matrix', '--connection', 'local', '--principal', `user:${member.user}`, '--actions', 's3:GetObject', '--resources', `${bucket}/reports/a,${bucket}/other/a`, '--json'])
    expect(asked.status, asked.stderr).toBe(0)
    const matrix = JSON.parse(asked.stdout) as { cells: Array<{ resource: string; decision: string }> }
    const client = s3Client(minio.endpoint, member.user, member.secret)
    expect(matrix.cells).toHaveLength(2)
    for (const cell of matrix.cells) {
      const object = cell.resource.replace(/^arn:aws:s3:::/, '').slice(bucket.length + 1)
      expect(cell.decision === 'allow', cell.resource).toBe(await serverAllowsRead(client, object))
    }
    expect(matrix.cells.map((cell) => cell.decision)).toContain('allow')
  })

  it('an unknown user is a clear failure naming it, not an empty answer', () => {
    const asked = run(['access', 'matrix', '--connection', 'local', '--principal', `user:nobody-${tag}`])
    expect(asked.status).not.toBe(0)
    expect(asked.stderr).toContain(`nobody-${tag}`)
  })
})
