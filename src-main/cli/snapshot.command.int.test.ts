import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditService } from '../audit/index.ts'
import { AdminClient } from '../minio/index.ts'
import type { Snapshot } from '../snapshot/snapshot.schema.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { useTempDirs } from '../testbed/temp-dirs.ts'

const tempDir = useTempDirs()

// The real bin, the real MinIO, the real keyring (run under scripts/with-keyring.sh).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gatehouse.js')
const tag = randomBytes(3).toString('hex')
const alice = `alice-${tag}`
const bob = `bob-${tag}`
const policyName = `read-${tag}`

describe('gatehouse snapshot (CLI) against the real MinIO and keyring', () => {
  let minio: MinioServer
  let dataDir: string
  let work: string
  const run = (args: string[], stdin = '') =>
    spawnSync(process.execPath, [BIN, ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, GATEHOUSE_DATA_DIR: dataDir } })
  const file = (name: string) => join(work, name)

  beforeAll(async () => {
    minio = await startMinio()
    dataDir = tempDir('gatehouse-cli-snap-')
    work = tempDir('gatehouse-snap-files-')
    const added = run(['connection', 'add', 'local', '--endpoint', minio.endpoint, '--access-key', minio.rootAccessKey], `${minio.rootSecretKey}\n`)
    expect(added.status, added.stderr).toBe(0)
  })
  afterAll(async () => {
    run(['connection', 'remove', 'local'])
    await minio.stop()
  })

  it('exports, diffs, asks before applying, applies with --yes and writes the new secrets once, 0600', async () => {
    const exported = run(['snapshot', 'export', '--connection', 'local', '-o', file('base.json')])
    expect(exported.stderr).toBe('')
    expect(exported.stdout).toMatch(/^Exported 0 users, 0 groups, 5 policies and 0 access keys to /)
    const base = JSON.parse(readFileSync(file('base.json'), 'utf8')) as Snapshot
    const desired: Snapshot = {
      ...base,
      policies: [...base.policies, { name: policyName, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] } }],
      users: [{ accessKey: alice, status: 'enabled', policies: [policyName], memberOf: [`ops-${tag}`] }, { accessKey: bob, status: 'enabled', policies: [], memberOf: [] }],
      groups: [{ name: `ops-${tag}`, status: 'enabled', members: [alice], policies: [] }],
    }
    desired.policies.sort((left, right) => (left.name < right.name ? -1 : 1)) // exports are sorted by name
    writeFileSync(file('desired.json'), JSON.stringify(desired))

    const diff = run(['snapshot', 'diff', file('desired.json'), '--connection', 'local'])
    expect(diff.status).toBe(0)
    expect(diff.stdout).toBe(
      `Plan for connection 'local' (${minio.endpoint}): 4 to create, 2 to change, 0 to remove.\n` +
        `   1. + policy '${policyName}': create\n` +
        `   2. + user '${alice}': create (enabled; a new secret is generated)\n` +
        `   3. + user '${bob}': create (enabled; a new secret is generated)\n` +
        `   4. + group 'ops-${tag}': create (enabled)\n` +
        `   5. ~ group 'ops-${tag}': add members ${alice}\n` +
        `   6. ~ user '${alice}': attach ${policyName}\n`,
    )

    const declined = run(['snapshot', 'apply', file('desired.json'), '--connection', 'local', '--credentials-out', file('never.jsonl')], 'n\n')
    expect(declined.status).toBe(1)
    expect(declined.stdout).toBe(diff.stdout)
    expect(declined.stderr).toMatch(/Apply these 6 steps\? \[y\/N\] Not applied: nothing was changed/)
    const root = new AdminClient({ endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey })
    await expect(root.getUser(alice)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    root.close()

    const noCredentials = run(['snapshot', 'apply', file('desired.json'), '--connection', 'local', '--yes'])
    expect(noCredentials.status).toBe(2)
    expect(noCredentials.stderr).toMatch(/add --credentials-out FILE/)

    const applied = run(['snapshot', 'apply', file('desired.json'), '--connection', 'local', '--yes', '--credentials-out', file('creds.jsonl')])
    expect(applied.stderr).toBe('')
    expect(applied.status).toBe(0)
    expect(applied.stdout).toMatch(/Applied 6 of 6 steps: 0 failed, 0 skipped\.\nWrote 2 new secret\(s\) to /)
    expect(statSync(file('creds.jsonl')).mode & 0o777).toBe(0o600)
    const credentials = readFileSync(file('creds.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string; accessKey: string; secretKey: string })
    expect(credentials.map((item) => `${item.kind}:${item.accessKey}`).sort()).toEqual([`user:${alice}`, `user:${bob}`])

    // The written secret is the real one: alice can sign with it.
    const secret = credentials.find((item) => item.accessKey === alice)?.secretKey as string
    const asAlice = new AdminClient({ endpoint: minio.endpoint, accessKey: alice, secretKey: secret })
    expect((await asAlice.accountInfo()).accountName).toBe(alice)
    asAlice.close()

    run(['snapshot', 'export', '--connection', 'local', '-o', file('after.json')])
    const after = JSON.parse(readFileSync(file('after.json'), 'utf8')) as Snapshot
    expect({ ...after, exportedAt: '' }).toEqual({ ...desired, exportedAt: '' })

    // Never a secret in the data directory (audit database, its WAL, profiles), nor in the output.
    for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const bytes = readFileSync(join(entry.parentPath, entry.name)).toString('latin1')
      for (const item of credentials) expect(bytes).not.toContain(item.secretKey)
    }
    for (const item of credentials) expect(applied.stdout + applied.stderr).not.toContain(item.secretKey)

    const audit = AuditService.open(dataDir)
    const listed = await audit.list({}, { limit: 100 })
    audit.close()
    const actions = listed.events.map((event) => `${event.action} ${event.target.name} ${event.outcome.kind}`)
    expect(actions).toEqual(expect.arrayContaining([
      'snapshot.exported base.json ok', 'snapshot.applied desired.json ok', `policy.created ${policyName} ok`,
      `user.created ${alice} ok`, `user.created ${bob} ok`, `group.created ops-${tag} ok`, `group.membersAdded ops-${tag} ok`, `policy.attached ${alice} ok`,
    ]))
    expect(actions.filter((action) => action.startsWith('snapshot.applied'))).toHaveLength(1)
  }, 600_000) // six runs of the bin, each with Argon2-encrypted reads: seconds when idle, minutes on a busy 2-core host

  it('refuses unknown commands, missing --connection and a broken snapshot with clear messages', () => {
    expect(run(['snapshot', 'frobnicate']).status).toBe(2)
    expect(run(['snapshot', 'diff', file('base.json')]).stderr).toMatch(/diff needs --connection NAME/)
    writeFileSync(file('broken.json'), JSON.stringify({ format: 'gatehouse.iam-snapshot', version: 1 }))
    const broken = run(['snapshot', 'diff', file('broken.json'), '--connection', 'local'])
    expect(broken.status).toBe(1)
    expect(broken.stderr).toMatch(/^INVALID_INPUT: The snapshot .*broken.json has \d+ problems:\n {2}- exportedAt:/)
  })
})
