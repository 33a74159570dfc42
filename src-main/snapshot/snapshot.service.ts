import { basename } from 'node:path'
import { AppFailure } from '../api/result.ts'
import { applyPlan, type ApplyOptions, type ApplyReport, type SnapshotIam } from './snapshot-apply.ts'
import { exportSnapshot, type ExportSource, type SnapshotReader } from './snapshot-export.ts'
import { writeSnapshot } from './snapshot-file.ts'
import { planSnapshot, type PlanOptions } from './snapshot-plan.ts'
import type { SnapshotPlan } from './snapshot-plan.types.ts'
import type { Snapshot } from './snapshot.schema.ts'

/**
 * What snapshot export, diff and apply need of one connection: the IAM service
 * (src-main/services/iam-session.ts) has exactly this shape, reads passed through and every change
 * audited, plus the umbrella `snapshot.exported` / `snapshot.applied` events.
 */
export interface SnapshotSession extends SnapshotReader, SnapshotIam {
  readonly actor: string
  recordSnapshot<T>(action: 'snapshot.exported' | 'snapshot.applied', fileName: string, details: unknown, body: () => Promise<{ value: T; after?: unknown }>): Promise<T>
}

/** How many of each a snapshot holds (the `after` of a `snapshot.exported` event). */
export function countsOf(snapshot: Snapshot): Record<'policies' | 'users' | 'groups' | 'accessKeys', number> {
  return { policies: snapshot.policies.length, users: snapshot.users.length, groups: snapshot.groups.length, accessKeys: snapshot.accessKeys.length }
}

/** Exports the server's IAM state to `path` (mode 0600) as one `snapshot.exported` event. */
export async function exportToFile(session: SnapshotSession, path: string, source: Omit<ExportSource, 'exportedBy'>): Promise<Snapshot> {
  return recordedExport(session, basename(path), { path }, source, (snapshot) => writeSnapshot(path, snapshot))
}

/**
 * Exports the server's IAM state as one `snapshot.exported` event naming `fileName`, and returns it:
 * the app's download, where the browser writes the file (main never learns where).
 */
export async function exportForDownload(session: SnapshotSession, fileName: string, source: Omit<ExportSource, 'exportedBy'>): Promise<Snapshot> {
  return recordedExport(session, basename(fileName), { destination: 'download' }, source, async () => {})
}

function recordedExport(session: SnapshotSession, fileName: string, details: unknown, source: Omit<ExportSource, 'exportedBy'>, write: (snapshot: Snapshot) => Promise<void>): Promise<Snapshot> {
  return session.recordSnapshot('snapshot.exported', fileName, details, async () => {
    const snapshot = await exportSnapshot(session, { ...source, exportedBy: session.actor })
    await write(snapshot)
    return { value: snapshot, after: countsOf(snapshot) }
  })
}

/** The plan that would turn the server's current state into `desired` (reads only; no event). */
export async function planAgainstServer(session: SnapshotSession, desired: Snapshot, source: Omit<ExportSource, 'exportedBy'>, options: Omit<PlanOptions, 'actor'> = {}): Promise<SnapshotPlan> {
  const current = await exportSnapshot(session, { ...source, exportedBy: session.actor })
  return planSnapshot(desired, current, { ...options, actor: session.actor })
}

/**
 * Applies a confirmed plan as one `snapshot.applied` event around the per-step events. When a step
 * failed or was skipped, the umbrella event records an error naming how many (the first failure's
 * code); the report with every step's result is returned either way. AUDIT_UNAVAILABLE before the
 * first step is thrown (nothing was applied).
 */
export async function applySnapshotPlan(session: SnapshotSession, fileName: string, plan: SnapshotPlan, options: ApplyOptions = {}): Promise<ApplyReport> {
  let report: ApplyReport | undefined
  let summary: AppFailure | undefined
  try {
    await session.recordSnapshot('snapshot.applied', basename(fileName), { steps: plan.steps.length, counts: plan.counts }, async () => {
      report = await applyPlan(session, plan, options)
      const problem = report.results.find((result) => result.status !== 'ok')
      const { ok, failed, skipped } = report.progress
      if (problem?.error) {
        summary = new AppFailure(problem.error.code, `${failed} of ${plan.steps.length} steps failed and ${skipped} were skipped; the first: ${problem.error.message}`)
        throw summary
      }
      return { value: report, after: { ok, failed, skipped } }
    })
  } catch (error) {
    if (!report) throw error
    if (error !== summary && error instanceof AppFailure) report.auditProblem = error.toError()
    else if (error !== summary) throw error
  }
  return report as ApplyReport
}
