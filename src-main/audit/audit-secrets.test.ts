import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppFailure } from '../api/result.ts'
import { AuditService } from './audit.service.ts'
import { intentFor } from '../testbed/audit/trail-fixtures.ts'

const secret = (label: string) => `${label}-${randomBytes(16).toString('hex')}`

/** Every file under `dir` (the database, its WAL and shm, exports), as raw bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }))
}

function filesContaining(dir: string, needle: string): string[] {
  return filesUnder(dir)
    .filter((file) => file.bytes.includes(needle) || file.bytes.includes(Buffer.from(needle, 'utf16le')))
    .map((file) => file.path)
}

describe('no secret reaches any file of the audit trail', () => {
  it('through intents, outcomes, errors, connection events, exports and the WAL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-secrets-'))
    const secrets = Object.fromEntries(['before', 'details', 'token', 'after', 'inText', 'error', 'userinfo', 'query', 'profile', 'validate'].map((key) => [key, secret(key)]))
    const canary = `canary-${randomBytes(8).toString('hex')}`
    const audit = AuditService.open(dataDir)
    try {
      const connection = { id: 'conn-1', name: 'prod', endpoint: `https://AKIAEXAMPLE:${secrets.userinfo}@s3.example.test:9000/?X-Amz-Security-Token=${secrets.query}` }
      await audit.trail.recordChange(
        intentFor({
          connection,
          action: 'user.created',
          target: { type: 'user', name: canary },
          before: { secretKey: secrets.before },
          details: { password: secrets.details, nested: [{ sessionToken: secrets.token }], note: `made with ${secrets.inText}` },
          sensitive: [secrets.inText!, secrets.after!],
        }),
        async () => ({ after: { accessKey: 'alice', secretKey: secrets.after, echo: secrets.after } }),
      )
      await audit.trail
        .recordChange(intentFor({ connection, action: 'user.secretChanged', target: { type: 'user', name: 'alice' }, sensitive: [secrets.error!] }), async () => {
          throw new AppFailure('INVALID_INPUT', `server refused secret ${secrets.error}`)
        })
        .catch(() => undefined)
      const profile = { id: 'conn-2', name: 'staging', endpoint: 'http://127.0.0.1:9000', accessKey: 'admin', secretKey: secrets.profile }
      const created = await audit.recordConnectionEvent({ connection: profile, actor: 'local:admin', action: 'connection.created', outcome: { kind: 'ok' }, after: profile, sensitive: [secrets.profile!] })
      expect(created).toEqual(expect.any(String))
      await audit.recordConnectionEvent({
        connection: profile,
        actor: 'admin',
        action: 'connection.validated',
        outcome: { kind: 'error', code: 'MINIO_AUTH_FAILED', message: `rejected ${secrets.validate}` },
        sensitive: [secrets.validate!],
      })
      expect(await audit.exportToFile(join(dataDir, 'export.csv'), { format: 'csv', actor: 'admin' })).toMatchObject({ rows: 4 })
      expect(await audit.exportToFile(join(dataDir, 'export.jsonl'), { format: 'jsonl', actor: 'admin' })).toMatchObject({ rows: 5 })

      // Scan while the WAL still holds the newest pages, then again after close checkpoints them.
      expect(filesUnder(dataDir).map((file) => file.path).some((path) => path.endsWith('-wal'))).toBe(true)
      for (const value of Object.values(secrets)) expect(filesContaining(dataDir, value)).toEqual([])
      // The scan can see what is really there.
      expect(filesContaining(dataDir, canary).length).toBeGreaterThan(0)
      audit.close()
      for (const value of Object.values(secrets)) expect(filesContaining(dataDir, value)).toEqual([])
      expect(filesContaining(dataDir, canary).length).toBeGreaterThan(0)
    } finally {
      audit.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
