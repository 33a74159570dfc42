import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { diffPolicyVersions, type AuditEvent, type AuditService, type PolicyVersion } from '../audit/index.ts'
import type { AppServices } from '../services/app-services.ts'
import { saveRetentionPolicy, savedRetentionPolicy } from '../services/app-settings.ts'
import { AppFailure, type Result } from './result.ts'
import type { auditContract } from './audit.contract.ts'
import type { DomainHandlers } from './dispatch.ts'

/** The largest export returned inline for a browser download; bigger ones stay in the data directory. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024

/** Audit channels → AuditService. Every service Result is unwrapped, so failures reach dispatch as AppFailure. */
export function auditHandlers({ audit, dataDir, operator }: AppServices): DomainHandlers<typeof auditContract> {
  return {
    'audit.list': async ({ filter, before, limit }) => {
      const page = unwrap(await audit.list(filter, { before, limit }))
      return { events: page.events.map(summaryOf), nextCursor: page.nextCursor }
    },
    'audit.get': async ({ id }) => {
      const event = unwrap(await audit.get(id))
      return { ...event, patch: beforeAfterPatch(event) }
    },
    'audit.verify': async () => unwrap(await audit.verify()),
    'audit.export': async ({ format, filter, target }) => {
      const fileName = exportFileName(format, new Date())
      // A download goes to the browser only: nothing is written under the data directory.
      if (target === 'download') {
        const exported = unwrap(await audit.exportToText({ format, filter, actor: operator, maxBytes: MAX_DOWNLOAD_BYTES }))
        return { path: '', fileName, rows: exported.rows, sha256: exported.sha256, content: exported.content }
      }
      const directory = join(dataDir, 'exports')
      mkdirSync(directory, { recursive: true, mode: 0o700 })
      const path = join(directory, fileName)
      const summary = unwrap(await audit.exportToFile(path, { format, filter, actor: operator }))
      return { path, fileName, rows: summary.rows, sha256: summary.sha256 }
    },
    'audit.policyHistory': async ({ policyName, connectionId }) => unwrap(await audit.policyHistory(policyName, connectionId)),
    'audit.policyDiff': async ({ policyName, connectionId, from, to }) => unwrap(await audit.policyDiff(policyName, from, to, connectionId)),
    'audit.retention': () => retentionOf(audit, dataDir),
    'audit.setRetention': async (policy) => {
      const before = savedRetentionPolicy(dataDir)
      // Saving the same policy again changes nothing, so it records nothing.
      if (RETENTION_KEYS.some((key) => before[key] !== policy[key])) {
        unwrap(await audit.recordRetentionChange({ before, after: policy, actor: operator }, () => saveRetentionPolicy(dataDir, policy)))
      }
      return retentionOf(audit, dataDir)
    },
    'audit.prune': async () => {
      const policy = savedRetentionPolicy(dataDir)
      if (Object.keys(policy).length === 0) {
        throw new AppFailure('INVALID_INPUT', 'No retention policy is saved, so there is nothing to prune. Set a maximum age, number of events or size first.')
      }
      return unwrap(await audit.prune(policy, operator))
    },
  }
}

/** The saved policy with the trail's status under it. */
async function retentionOf(audit: AuditService, dataDir: string) {
  const policy = savedRetentionPolicy(dataDir)
  return { policy, ...unwrap(await audit.retentionStatus(policy)) }
}

const RETENTION_KEYS = ['maxAgeDays', 'maxEvents', 'maxBytes'] as const

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppFailure(result.error.code, result.error.message, result.error.details)
  return result.value
}

function summaryOf({ id, seq, time, connection, actor, action, target, outcome, durationMs }: AuditEvent) {
  return { id, seq, time, connection, actor, action, target, outcome, durationMs }
}

/** `audit-20261123T093000123Z.csv`: sortable, no characters any file system refuses. */
export function exportFileName(format: 'csv' | 'jsonl', now: Date): string {
  return `audit-${now.toISOString().replace(/[-:.]/g, '')}.${format}`
}

/**
 * A readable before → after diff, by the same rules as policy history (pretty JSON, sorted keys, so
 * reordered keys are no change): before is "version 1", after "version 2". Null when a side is missing.
 */
export function beforeAfterPatch(event: Pick<AuditEvent, 'before' | 'after' | 'id' | 'time' | 'action' | 'actor'>): string | null {
  if (event.before === null || event.before === undefined || event.after === null || event.after === undefined) return null
  const common = { eventId: event.id, time: event.time, action: event.action, actor: event.actor }
  const versions: PolicyVersion[] = [
    { ...common, version: 1, document: event.before, source: 'before' },
    { ...common, version: 2, document: event.after, source: 'after' },
  ]
  return diffPolicyVersions(versions, 1, 2)?.patch ?? null
}
