import { basename } from 'node:path'
import { appErrorOf, AppFailure } from '../api/result.ts'
import { planFingerprint } from './plan-fingerprint.ts'
import { applyPlan, type ApplyOptions, type ApplyReport, type GeneratedCredential, type SnapshotIam } from './snapshot-apply.ts'
import { exportSnapshot, type ExportSource, type SnapshotReader } from './snapshot-export.ts'
import { parseSnapshot, snapshotText, writeSnapshot } from './snapshot-file.ts'
import { planSnapshot, type PlanOptions } from './snapshot-plan.ts'
import type { SnapshotPlan } from './snapshot-plan.types.ts'
import type { Snapshot } from './snapshot.schema.ts'
import { applyView, countsOf, exportFileName, planView, type ApplyView, type PlanView, type SnapshotCounts } from './snapshot-views.ts'

/**
 * What snapshot export, diff and apply need of one connection: the IAM service
 * (src-main/services/iam-session.ts) has exactly this shape, reads passed through and every change
 * audited, plus the umbrella `snapshot.exported` / `snapshot.applied` events.
 */
export interface SnapshotSession extends SnapshotReader, SnapshotIam {
  readonly actor: string
  recordSnapshot<T>(action: 'snapshot.exported' | 'snapshot.applied', fileName: string, details: unknown, body: () => Promise<{ value: T; after?: unknown }>): Promise<T>
}

export { countsOf }

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
    // The steps ran: an umbrella event that could not be completed is reported with them, a bug is not.
    if (error !== summary) report.auditProblem = appErrorOf(error, (bug) => { throw bug })
  }
  return report as ApplyReport
}

/** What the window's snapshot channels need of the app: a saved connection and its audited IAM session. */
export interface SnapshotConnections {
  connections: { profile(connection: string): { name: string; endpoint: string } }
  iam(connection: string): Promise<SnapshotSession & { close(): void }>
}

type Source = { endpoint: string; connection: string }

/** Runs `body` on the audited session of a saved connection (name or id), closed afterwards. */
export async function withSnapshotSession<T>(app: SnapshotConnections, connection: string, body: (session: SnapshotSession, source: Source) => Promise<T>): Promise<T> {
  const { name, endpoint } = app.connections.profile(connection)
  const session = await app.iam(connection)
  try {
    return await body(session, { endpoint, connection: name })
  } finally {
    session.close()
  }
}

/** `snapshots.export`: the server's IAM state as the text of a file the browser saves. */
export function exportSnapshotText(app: SnapshotConnections, connectionId: string): Promise<{ text: string; fileName: string; counts: SnapshotCounts }> {
  return withSnapshotSession(app, connectionId, async (session, source) => {
    const fileName = exportFileName(source.connection)
    const snapshot = await exportForDownload(session, fileName, source)
    return { text: snapshotText(snapshot), fileName, counts: countsOf(snapshot) }
  })
}

/** `snapshots.plan`: parsed before any server call, so a broken file costs no admin request and changes nothing. */
export async function planSnapshotText(app: SnapshotConnections, connectionId: string, input: { fileName: string; text: string; options: Omit<PlanOptions, 'actor'> }): Promise<PlanView> {
  const snapshot = parseSnapshot(input.text, input.fileName)
  return withSnapshotSession(app, connectionId, async (session, source) => planView(await planAgainstServer(session, snapshot, source, input.options), snapshot))
}

/**
 * `snapshots.apply`: applies only the plan the user saw. The server is planned again and a different
 * fingerprint is refused with CONFLICT before any change, so a change made elsewhere since the
 * preview is never overwritten unseen.
 */
export async function applyConfirmedSnapshot(app: SnapshotConnections, connectionId: string, input: ConfirmedApply): Promise<ApplyView> {
  const snapshot = parseSnapshot(input.text, input.fileName)
  return withSnapshotSession(app, connectionId, async (session, source) => {
    const plan = await planAgainstServer(session, snapshot, source, input.options)
    if (planFingerprint(plan) !== input.expected.fingerprint) {
      const count = plan.steps.length === input.expected.steps ? `a different plan of ${plan.steps.length} steps` : `${plan.steps.length} steps instead of the ${input.expected.steps} you saw`
      throw new AppFailure('CONFLICT', `The server changed since the preview: the snapshot now needs ${count}. Nothing was applied; review the new plan and apply again.`, { steps: plan.steps.length })
    }
    const credentials: GeneratedCredential[] = []
    const report = await applySnapshotPlan(session, input.fileName, plan, { onCredential: (credential) => credentials.push(credential) })
    return applyView(report, credentials)
  })
}

export interface ConfirmedApply {
  fileName: string
  text: string
  options: { removeExtras: boolean }
  /** The plan the user confirmed: its fingerprint and number of steps. */
  expected: { fingerprint: string; steps: number }
}
