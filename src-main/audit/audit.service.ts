import { createWriteStream } from 'node:fs'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { join } from 'node:path'
import { PRIVATE_FILE_MODE } from '../shared/private-files.ts'
import { AppFailure, toResult, type Result } from '../api/result.ts'
import { auditUnavailable, AUDIT_FILE_NAME } from './audit-database.ts'
import { exportEvents, type ExportFormat, type ExportSummary } from './audit-export.ts'
import { getEvent, queryEvents } from './audit-query.ts'
import { pruneAuditTrail, retentionStatus, type PruneSummary, type RetentionPolicy, type RetentionStatus } from './audit-retention.ts'
import { AuditTrail, type TrailOptions } from './audit-trail.ts'
import { diffPolicyVersions, policyHistory, type PolicyDiff, type PolicyVersion } from './policy-history.ts'
import type { AuditAction, AuditEvent, AuditFilter, AuditPage, ConnectionRef, VerifyReport } from './audit.types.ts'

/**
 * What the contract handlers, the connections service and the CLI call: every method returns a
 * Result (AUDIT_UNAVAILABLE for storage failures, INVALID_INPUT for a bad search) and never throws
 * for an expected failure. One instance per data directory; the app keeps it for its lifetime.
 */
export class AuditService {
  private constructor(readonly trail: AuditTrail) {}

  /** Opens `<dataDir>/audit.sqlite`. Throws AppFailure AUDIT_UNAVAILABLE when it cannot be written. */
  static open(dataDir: string, options: TrailOptions = {}): AuditService {
    return new AuditService(AuditTrail.open(join(dataDir, AUDIT_FILE_NAME), options))
  }

  close(): void {
    this.trail.close()
  }

  /** `audit.list`: newest first, keyset-paged; `search` is FTS5 over targets and messages. */
  list(filter: AuditFilter = {}, page: { before?: number; limit?: number } = {}): Promise<Result<AuditPage>> {
    return this.#guard('querying the audit trail', () => queryEvents(this.trail.database, filter, page))
  }

  /** `audit.get`: one event, NOT_FOUND when the id is unknown (or pruned). */
  get(eventId: string): Promise<Result<AuditEvent>> {
    return this.#guard('reading an audit event', () => {
      const event = getEvent(this.trail.database, eventId)
      if (!event) throw new AppFailure('NOT_FOUND', `No audit event with id ${eventId}; it may have been pruned by retention.`)
      return event
    })
  }

  /** `audit.verify`: the whole hash chain; `intact: false` names the first broken entry. */
  verify(): Promise<Result<VerifyReport>> {
    return this.#guard('verifying the audit trail', () => this.trail.verifyAsync())
  }

  /** `audit.export`: streams matching events to `filePath` (created or replaced) and records the export. */
  exportToFile(filePath: string, options: { format: ExportFormat; filter?: AuditFilter; actor: string }): Promise<Result<ExportSummary>> {
    return this.#guard(`exporting the audit trail to ${filePath}`, async () => {
      const output = createWriteStream(filePath, { mode: PRIVATE_FILE_MODE })
      const summary = await exportEvents(this.trail, output, { ...options, destination: filePath })
      output.end()
      await finished(output)
      return summary
    })
  }

  /**
   * An export kept in memory only, for the window to hand to the browser's download (nothing is
   * written to disk). Refused with CONFLICT beyond `maxBytes`, before the export is recorded.
   */
  exportToText(options: { format: ExportFormat; filter?: AuditFilter; actor: string; maxBytes: number }): Promise<Result<ExportSummary & { content: string }>> {
    return this.#guard('exporting the audit trail for a download', async () => {
      const chunks: string[] = []
      let bytes = 0
      const output = new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.byteLength
          if (bytes > options.maxBytes) return done(new AppFailure('CONFLICT', `The export is over ${options.maxBytes} bytes, too large to download through the window. Use "Save to data directory" or \`gatehouse audit export\`.`))
          chunks.push(chunk.toString('utf8'))
          done()
        },
      })
      const summary = await exportEvents(this.trail, output, { ...options, destination: 'download (browser)' })
      output.end()
      await finished(output)
      return { ...summary, content: chunks.join('') }
    })
  }

  /** `audit.policyHistory`: versions of one policy, oldest first. */
  policyHistory(policyName: string, connectionId?: string): Promise<Result<PolicyVersion[]>> {
    return this.#guard('reading a policy history', () => policyHistory(this.trail.database, policyName, connectionId))
  }

  /** `audit.policyDiff`: the diff of two versions; NOT_FOUND when either is missing. */
  policyDiff(policyName: string, from: number, to: number, connectionId?: string): Promise<Result<PolicyDiff>> {
    return this.#guard('diffing policy versions', () => {
      const diff = diffPolicyVersions(policyHistory(this.trail.database, policyName, connectionId), from, to)
      if (!diff) throw new AppFailure('NOT_FOUND', `Policy '${policyName}' has no versions ${from} and ${to} in the audit trail.`)
      return diff
    })
  }

  /** `audit.prune`: applies the retention policy; CONFLICT until a full export covers what it would remove. */
  prune(policy: RetentionPolicy, actor: string): Promise<Result<PruneSummary>> {
    return this.#guard('pruning the audit trail', () => pruneAuditTrail(this.trail, policy, actor))
  }

  /** `audit.retention`: the trail's size and age, its last full export and what `policy` would prune now. */
  retentionStatus(policy: RetentionPolicy): Promise<Result<RetentionStatus>> {
    return this.#guard('reading the retention status', () => retentionStatus(this.trail.database, policy))
  }

  /**
   * `audit.setRetention`: records audit.retentionChanged around `save` (which writes the policy where
   * it is kept), so a failed save is in the trail as an error and a save without a trail never happens.
   */
  recordRetentionChange(change: { before: RetentionPolicy; after: RetentionPolicy; actor: string }, save: () => void): Promise<Result<void>> {
    return this.#guard('recording a retention policy change', async () => {
      const intent = { connection: null, actor: change.actor, action: 'audit.retentionChanged', target: { type: 'audit', name: 'retention policy' }, before: change.before } as const
      await this.trail.recordChange(intent, async () => {
        save()
        return { after: change.after }
      })
    })
  }

  /**
   * For the connections service: records a connection event that has already happened
   * (connection.created|updated|deleted|validated) with its outcome. `before`/`after` are the profile
   * views (no secret; secret-named keys are redacted anyway). Returns the event id.
   */
  recordConnectionEvent(event: ConnectionEvent): Promise<Result<string>> {
    return this.#guard(`recording ${event.action}`, () =>
      this.trail.recordEvent(
        {
          connection: event.connection,
          actor: event.actor,
          action: event.action,
          target: { type: 'connection', name: event.connection.name },
          before: event.before,
          details: event.details,
          sensitive: event.sensitive,
        },
        event.outcome,
        { after: event.after, durationMs: event.durationMs },
      ),
    )
  }

  async #guard<T>(doing: string, body: () => T | Promise<T>): Promise<Result<T>> {
    return toResult(async () => {
      try {
        return await body()
      } catch (error) {
        throw auditUnavailable(error, this.trail.path, doing)
      }
    })
  }
}

export interface ConnectionEvent {
  connection: ConnectionRef
  /** The connection's access key (for validated) or the local operator's name for CRUD. */
  actor: string
  action: Extract<AuditAction, `connection.${string}`>
  outcome: { kind: 'ok' } | { kind: 'error'; code: string; message: string }
  before?: unknown
  after?: unknown
  details?: unknown
  durationMs?: number
  /** The secret key when the caller holds it (e.g. on create), so it is scrubbed from any text. */
  sensitive?: readonly string[]
}
