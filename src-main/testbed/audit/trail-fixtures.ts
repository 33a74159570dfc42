import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditTrail, type TrailOptions } from '../../audit/audit-trail.ts'
import type { AuditIntent, ConnectionRef } from '../../audit/audit.types.ts'

/** Test support only: a trail in a fresh temp data directory, removed by `cleanup`. */
export function tempTrail(options: TrailOptions = {}): { trail: AuditTrail; dataDir: string; cleanup: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-'))
  const trail = AuditTrail.open(join(dataDir, 'audit.sqlite'), options)
  return {
    trail,
    dataDir,
    cleanup: () => {
      trail.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const TEST_CONNECTION: ConnectionRef = { id: 'conn-1', name: 'prod', endpoint: 'https://s3.example.test:9000' }

/** A minimal intent for tests; override any field. */
export function intentFor(overrides: Partial<AuditIntent> = {}): AuditIntent {
  return {
    connection: TEST_CONNECTION,
    actor: 'admin',
    action: 'user.created',
    target: { type: 'user', name: 'alice' },
    ...overrides,
  }
}

/** A clock that advances one second per call, from a fixed start. */
export function steppingClock(start = Date.UTC(2026, 0, 1)): () => number {
  let now = start
  return () => (now += 1_000)
}
