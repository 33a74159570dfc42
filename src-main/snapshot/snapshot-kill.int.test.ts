import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryEvents } from '../audit/audit-query.ts'
import { tempTrail } from '../testbed/audit/trail-fixtures.ts'
import { IamSession } from '../services/iam-session.ts'
import { startMinio, type MinioServer } from '../testbed/minio/minio-server.ts'
import { formatApplyReport } from './plan-format.ts'
import { exportSnapshot } from './snapshot-export.ts'
import { planSnapshot } from './snapshot-plan.ts'
import { applySnapshotPlan } from './snapshot.service.ts'

const tag = randomBytes(3).toString('hex')
let server: MinioServer
let made: ReturnType<typeof tempTrail>
let iam: IamSession

beforeAll(async () => {
  server = await startMinio()
  made = tempTrail()
  iam = new IamSession({ connection: { id: 'c1', name: 'doomed', endpoint: server.endpoint }, credentials: { endpoint: server.endpoint, accessKey: server.rootAccessKey, secretKey: server.rootSecretKey, timeoutMs: 5_000 }, trail: made.trail })
})
afterAll(async () => {
  iam?.close()
  made?.cleanup()
  await server?.stop()
})

describe('snapshot apply when the server dies half way', () => {
  it('reports every step (ok, a clear error, or skipped with the reason) and loses nothing in the audit trail', async () => {
    const current = await exportSnapshot(iam, { endpoint: server.endpoint, exportedBy: 'root' })
    const users = Array.from({ length: 16 }, (_, index) => ({ accessKey: `doomed-${tag}-${index}`, status: 'enabled' as const, policies: [], memberOf: [] }))
    const plan = planSnapshot({ ...current, users }, current)
    expect(plan.steps).toHaveLength(16)
    let isKilled = false
    const report = await applySnapshotPlan(iam, 'doomed.json', plan, {
      concurrency: 2,
      onStep: ({ progress }) => {
        if (progress.ok === 4 && !isKilled) {
          isKilled = true
          void server.kill()
        }
      },
    })
    const text = formatApplyReport(report)
    expect(report.results).toHaveLength(16)
    expect(report.progress.ok).toBeGreaterThanOrEqual(4)
    const failed = report.results.filter((result) => result.status === 'failed')
    expect(failed.length).toBeGreaterThanOrEqual(1)
    expect(failed.every((result) => result.error?.code === 'MINIO_UNREACHABLE'), text).toBe(true)
    expect(failed[0]?.error?.message).toMatch(/MinIO at http:\/\/127\.0\.0\.1:\d+/)
    const skipped = report.results.filter((result) => result.status === 'skipped')
    expect(report.haltedBecause?.code).toBe('MINIO_UNREACHABLE')
    expect(skipped.every((result) => /Nothing was sent for it/.test(result.error?.message ?? '')), text).toBe(true)
    expect(report.progress.ok + failed.length + skipped.length).toBe(16)

    // Every step that was sent has its event, with outcome ok or error; skipped ones have none.
    const created = queryEvents(made.trail.database, { actionPrefix: 'user.created' }, { limit: 100 }).events
    expect(created).toHaveLength(16 - skipped.length)
    expect(created.filter((event) => event.outcome.kind === 'ok')).toHaveLength(report.progress.ok)
    expect(created.filter((event) => event.outcome.kind === 'error').every((event) => event.outcome.kind === 'error' && event.outcome.code === 'MINIO_UNREACHABLE')).toBe(true)
    const [applied] = queryEvents(made.trail.database, { actionPrefix: 'snapshot.applied' }, { limit: 1 }).events
    expect(applied?.outcome).toMatchObject({ kind: 'error', code: 'MINIO_UNREACHABLE' })
    expect(made.trail.verify()).toMatchObject({ intact: true })
  }, 300_000)
})
