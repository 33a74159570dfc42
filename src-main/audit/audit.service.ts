import { createWriteStream, mkdirSync } from 'node:fs'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { join } from 'node:path'
import { PRIVATE_FILE_MODE } from '../shared/private-files.ts'
import { AppFailure } from '../api/result.ts'
import { saveRetentionPolicy, savedRetentionPolicy } from '../services/app-settings.ts'
import { auditUnavailable, AUDIT_FILE_NAME } from './audit-database.ts'
import { exportEvents, type ExportFormat, type ExportSummary } from './audit-export.ts'
import { getEvent, queryEvents } from './audit-query.ts'
import { pruneAuditTrail, retentionStatus, type PruneSummary, type RetentionPolicy, type RetentionStatus } from './audit-retention.ts'
import { AuditTrail, type TrailOptions } from './audit-trail.ts'
import { beforeAfterPatch, eventSummary, exportFileName, type AuditEventDetail, type AuditEventSummary } from './audit-views.ts'
import { diffPolicyVersions, policyHistory, type PolicyDiff, type PolicyVersion } from './policy-history.ts'
import type { AuditAction, AuditEvent, AuditFilter, AuditPage, ConnectionRef, VerifyReport } from './audit.types.ts'

/** The largest export returned inline for a browser download; bigger ones go to a file. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024

type ExportRequest = { format: ExportFormat; filter?: AuditFilter; actor: string }

/** An export as the app reports it: where it went (`path` is '' for a download) and what it holds. */
export interface AppExport {
  path: string
  fileName: string
  rows: number
  sha256: string
  /** The exported text, for a download only. */
  content?: string
}

/** The saved retention policy with the trail's status under it. */
export type RetentionView = { policy: RetentionPolicy } & RetentionStatus

/**
 * The audit trail of one data directory, for the contract handlers, the connections service and the
 * CLI. Expected failures are thrown as AppFailure (AUDIT_UNAVAILABLE for storage failures, NOT_FOUND,
 * INVALID_INPUT for a bad search or settings file, CONFLICT); the boundary turns them into the Result.
 * One instance per data directory; the app keeps it for its lifetime.
 */
export class AuditService {
  private constructor(
    readonly trail: AuditTrail,
    private readonly dataDir: string,
  ) {}

  /** Opens `<dataDir>/audit.sqlite`. Throws AppFailure AUDIT_UNAVAILABLE when it cannot be written. */
  static open(dataDir: string, options: TrailOptions = {}): AuditService {
    return new AuditService(AuditTrail.open(join(dataDir, AUDIT_FILE_NAME), options), dataDir)
  }

  close(): void {
    this.trail.close()
  }

  /** Newest first, keyset-paged; `search` is FTS5 over targets and messages. */
  list(filter: AuditFilter = {}, page: { before?: number; limit?: number } = {}): Promise<AuditPage> {
    return this.#guard('querying the audit trail', () => queryEvents(this.trail.database, filter, page))
  }

  /** `audit.list`: a page of rows without their payloads. */
  async listSummaries(filter: AuditFilter = {}, page: { before?: number; limit?: number } = {}): Promise<{ events: AuditEventSummary[]; nextCursor: number | null }> {
    const { events, nextCursor } = await this.list(filter, page)
    return { events: events.map(eventSummary), nextCursor }
  }

  /** One event; NOT_FOUND when the id is unknown (or pruned). */
  get(eventId: string): Promise<AuditEvent> {
    return this.#guard('reading an audit event', () => {
      const event = getEvent(this.trail.database, eventId)
      if (!event) throw new AppFailure('NOT_FOUND', `No audit event with id ${eventId}; it may have been pruned by retention.`)
      return event
    })
  }

  /** `audit.get`: one event with its before → after diff. */
  async detail(eventId: string): Promise<AuditEventDetail> {
    const event = await this.get(eventId)
    return { ...event, patch: beforeAfterPatch(event) }
  }

  /** `audit.verify`: the whole hash chain; `intact: false` names the first broken entry. */
  verify(): Promise<VerifyReport> {
    return this.#guard('verifying the audit trail', () => this.trail.verifyAsync())
  }

  /** Streams matching events to `filePath` (created or replaced, mode 0600) and records the export. */
  exportToFile(filePath: string, options: ExportRequest): Promise<ExportSummary> {
    return this.#guard(`exporting the audit trail to ${filePath}`, async () => {
      const output = createWriteStream(filePath, { mode: PRIVATE_FILE_MODE })
      const summary = await exportEvents(this.trail, output, { ...options, destination: filePath })
      output.end()
      await finished(output)
      return summary
    })
  }

  /** Streams matching events to `output` (not ended; the caller owns it) and records the export as going to `destination`. */
  exportToStream(output: Writable, options: ExportRequest & { destination: string }): Promise<ExportSummary> {
    return this.#guard(`exporting the audit trail to ${options.destination}`, () => exportEvents(this.trail, output, options))
  }

  /** `audit.export` to a file: a new, sortably named file under `<dataDir>/exports` (0700). */
  async exportToDataDirectory(options: ExportRequest, now = new Date()): Promise<AppExport> {
    const fileName = exportFileName(options.format, now)
    const directory = join(this.dataDir, 'exports')
    const path = join(directory, fileName)
    mkdirSync(directory, { recursive: true, mode: 0o700 })
    const { rows, sha256 } = await this.exportToFile(path, options)
    return { path, fileName, rows, sha256 }
  }

  /**
   * `audit.export` as a download: kept in memory only, for the window to hand to the browser (nothing
   * is written under the data directory). CONFLICT beyond `maxBytes`, before the export is recorded.
   */
  exportForDownload(options: ExportRequest, { maxBytes = MAX_DOWNLOAD_BYTES, now = new Date() } = {}): Promise<AppExport> {
    return this.#guard('exporting the audit trail for a download', async () => {
      const chunks: string[] = []
      let bytes = 0
      const output = new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.byteLength
          if (bytes > maxBytes) return done(new AppFailure('CONFLICT', `The export is over ${maxBytes} bytes, too large to download through the window. Use "Save to data directory" or \`gatehouse audit export\`.`))
          chunks.push(chunk.toString('utf8'))
          done()
        },
      })
      const summary = await exportEvents(this.trail, output, { ...options, destination: 'download (browser)' })
      output.end()
      await finished(output)
      return { path: '', fileName: exportFileName(options.format, now), rows: summary.rows, sha256: summary.sha256, content: chunks.join('') }
    })
  }

  /** `audit.policyHistory`: versions of one policy, oldest first. */
  policyHistory(policyName: string, connectionId?: string): Promise<PolicyVersion[]> {
    return this.#guard('reading a policy history', () => policyHistory(this.trail.database, policyName, connectionId))
  }

  /** `audit.policyDiff`: the diff of two versions; NOT_FOUND when either is missing. */
  policyDiff(policyName: string, from: number, to: number, connectionId?: string): Promise<PolicyDiff> {
    return this.#guard('diffing policy versions', () => {
      const diff = diffPolicyVersions(policyHistory(this.trail.database, policyName, connectionId), from, to)
      if (!diff) throw new AppFailure('NOT_FOUND', `Policy '${policyName}' has no versions ${from} and ${to} in the audit trail.`)
      return diff
    })
  }

  /** Applies `policy`; CONFLICT until a full export covers what it would remove. */
  prune(policy: RetentionPolicy, actor: string): Promise<PruneSummary> {
    return this.#guard('pruning the audit trail', () => pruneAuditTrail(this.trail, policy, actor))
  }

  /** `audit.prune`: applies the saved policy; INVALID_INPUT when none is saved. */
  async pruneBySavedPolicy(actor: string): Promise<PruneSummary> {
    const policy = this.savedPolicy()
    if (Object.keys(policy).length === 0) {
      throw new AppFailure('INVALID_INPUT', 'No retention policy is saved, so there is nothing to prune. Set a maximum age, number of events or size first.')
    }
    return this.prune(policy, actor)
  }

  /** The trail's size and age, its last full export and what `policy` would prune now. */
  retentionStatus(policy: RetentionPolicy): Promise<RetentionStatus> {
    return this.#guard('reading the retention status', () => retentionStatus(this.trail.database, policy))
  }

  /** The retention policy saved in `<dataDir>/settings.json`; `{}` keeps everything. INVALID_INPUT for a malformed file. */
  savedPolicy(): RetentionPolicy {
    return savedRetentionPolicy(this.dataDir)
  }

  /** `audit.retention`: the saved policy, with the status under it. */
  async retention(): Promise<RetentionView> {
    const policy = this.savedPolicy()
    return { policy, ...(await this.retentionStatus(policy)) }
  }

  /**
   * `audit.setRetention`: saves `policy` in settings.json inside an audit.retentionChanged event, so a
   * failed save is in the trail as an error and a save without a trail never happens. Saving the
   * same policy again changes nothing, so it records nothing. Returns the new retention view.
   */
  async setRetention(policy: RetentionPolicy, actor: string): Promise<RetentionView> {
    const before = this.savedPolicy()
    if (RETENTION_KEYS.some((key) => before[key] !== policy[key])) {
      const intent = { connection: null, actor, action: 'audit.retentionChanged', target: { type: 'audit', name: 'retention policy' }, before } as const
      await this.#guard('recording a retention policy change', () =>
        this.trail.recordChange(intent, async () => {
          saveRetentionPolicy(this.dataDir, policy)
          return { after: policy }
        }),
      )
    }
    return this.retention()
  }

  /**
   * For the connections service: records a connection event that has already happened
   * (connection.created|updated|deleted|validated) with its outcome. `before`/`after` are the profile
   * views (no secret; secret-named keys are redacted anyway). Returns the event id; a failure says
   * the change happened but is not in the trail.
   */
  async recordConnectionEvent(event: ConnectionEvent): Promise<string> {
    const { connection, action } = event
    try {
      return await this.#guard(`recording ${action}`, () =>
        this.trail.recordEvent(
          { connection, actor: event.actor, action, target: { type: 'connection', name: connection.name }, before: event.before, details: event.details, sensitive: event.sensitive },
          event.outcome,
          { after: event.after, durationMs: event.durationMs },
        ),
      )
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      throw new AppFailure(error.code, `${error.message} (${action} of '${connection.name}' happened but is not in the audit trail.)`)
    }
  }

  async #guard<T>(doing: string, body: () => T | Promise<T>): Promise<T> {
    try {
      return await body()
    } catch (error) {
      throw auditUnavailable(error, this.trail.path, doing)
    }
  }
}

const RETENTION_KEYS = ['maxAgeDays', 'maxEvents', 'maxBytes'] as const

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
