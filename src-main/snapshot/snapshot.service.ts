import { basename } from 'node:path'
import { AppFailure } from '../shared/result.ts'
import { applyPlan, type ApplyOptions, type ApplyReport, type SnapshotIam } from './snapshot-apply.ts'
import { exportSnapshot, type ExportSource, type SnapshotReader } from './snapshot-export.ts'
import { writeSnapshot } from './snapshot-file.ts'
import { planSnapshot } from './snapshot-plan.ts'
import type { SnapshotPlan } from './snapshot-plan.types.ts'
import type { Snapshot } from './snapshot.schema.ts'

/**
 * What snapshot export, diff and apply need of one connection: the IAM service
 * (src-main/services/iam.service.ts) has exactly this shape, reads passed through and every change
 * audited, plus the umbrella `snapshot.exported` / `snapshot.applied` events.
 */
export interface SnapshotSession extends SnapshotReader, SnapshotIam {
  readonly actor: string
  recordSnapshot<T>(action: 'snapshot.exported' | 'snapshot.applied', fileName: string, details: unknown, body: () => Promise<{ value: T; after?: unknown }>): Promise<T>
}

function countsOf(snapshot: Snapshot): Record<string, number> {
  return { policies: snapshot.policies.length, users: snapshot.users.length, groups: snapshot.groups.length, accessKeys: snapshot.accessKeys.length }
}

/** Exports the server's IAM state to `path` (mode 0600) as one `snapshot.exported` event. */
export async function exportToFile(session: SnapshotSession, path: string, source: Omit<ExportSource, 'exportedBy'>): Promise<Snapshot> {
  return session.recordSnapshot('snapshot.exported', basename(path), { path }, async () => {
    const snapshot = await exportSnapshot(session, { ...source, exportedBy: session.actor })
    await writeSnapshot(path, snapshot)
    return { value: snapshot, after: countsOf(snapshot) }
  })
}

/** The plan that would turn the server's current state into `desired` (reads only; no event). */
export async function planAgainstServer(session: SnapshotSession, desired: Snapshot, source: Omit<ExportSource, 'exportedBy'>): Promise<SnapshotPlan> {
  const current = await exportSnapshot(session, { ...source, exportedBy: session.actor })
  return planSnapshot(desired, current, { actor: session.actor })
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
