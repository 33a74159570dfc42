import type { AppServices } from '../services/app-services.ts'
import type { IamSession } from '../services/iam-session.ts'
import { AppFailure } from './result.ts'
import { planFingerprint } from '../snapshot/plan-fingerprint.ts'
import type { GeneratedCredential, StepResult } from '../snapshot/snapshot-apply.ts'
import { parseSnapshot, snapshotText } from '../snapshot/snapshot-file.ts'
import type { PlanStep, SnapshotPlan } from '../snapshot/snapshot-plan.types.ts'
import { applySnapshotPlan, countsOf, exportForDownload, planAgainstServer } from '../snapshot/snapshot.service.ts'
import type { Snapshot } from '../snapshot/snapshot.schema.ts'
import type { DomainHandlers } from './dispatch.ts'
import { showError } from './fields.ts'
import type { SnapshotApplyView, SnapshotPlanView, SnapshotStepView, snapshotsContract } from './snapshots.contract.ts'

type Source = { endpoint: string; connection: string }
type ApplyInput = { fileName: string; options: { removeExtras: boolean }; expected: { fingerprint: string; steps: number } }

const DESTRUCTIVE_OPERATIONS = new Set<PlanStep['operation']['type']>(['removeGroupMembers', 'detachPolicies'])

/** A step as the screen shows it: its words, never the server call (which may hold a policy document). */
export function stepView(step: PlanStep): SnapshotStepView {
  const { id, phase, kind, entity, name, summary } = step
  return { id, phase, kind, entity, name, summary, isDestructive: kind === 'remove' || DESTRUCTIVE_OPERATIONS.has(step.operation.type) }
}

/** The plan grouped by phase (in run order, empty phases left out), with its fingerprint. */
export function planView(plan: SnapshotPlan, snapshot: Snapshot): SnapshotPlanView {
  const phases: SnapshotPlanView['phases'] = []
  for (const step of plan.steps) {
    const last = phases.at(-1)
    if (last?.phase === step.phase) last.steps.push(stepView(step))
    else phases.push({ phase: step.phase, steps: [stepView(step)] })
  }
  const { endpoint, connection, exportedBy } = snapshot.source
  return {
    fingerprint: planFingerprint(plan),
    counts: plan.counts,
    phases,
    warnings: plan.warnings,
    snapshot: { endpoint, ...(connection ? { connection } : {}), exportedAt: snapshot.exportedAt, exportedBy, counts: countsOf(snapshot) },
  }
}

/** "gatehouse-iam-prod-2026-11-23T12-30-00Z.json": the connection and the time, safe as a file name. */
export function exportFileName(connection: string, at = new Date()): string {
  const safe = connection.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'connection'
  return `gatehouse-iam-${safe}-${at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.json`
}

function resultView(result: StepResult): SnapshotApplyView['results'][number] {
  return { ...stepView(result.step), status: result.status, ...(result.error ? { error: showError(result.error) } : {}) }
}

async function withSession<T>(services: AppServices, connectionId: string, body: (session: IamSession, source: Source) => Promise<T>): Promise<T> {
  const { name, endpoint } = services.connections.profile(connectionId)
  const session = await services.iam(connectionId)
  try {
    return await body(session, { endpoint, connection: name })
  } finally {
    session.close()
  }
}

/**
 * Applies only the plan the user saw: the server is planned again and a different fingerprint is
 * refused with CONFLICT before any change, so a change made elsewhere since the preview is never
 * overwritten unseen.
 */
async function applyConfirmed(session: IamSession, source: Source, snapshot: Snapshot, input: ApplyInput): Promise<SnapshotApplyView> {
  const plan = await planAgainstServer(session, snapshot, source, input.options)
  if (planFingerprint(plan) !== input.expected.fingerprint) {
    const count = plan.steps.length === input.expected.steps ? `a different plan of ${plan.steps.length} steps` : `${plan.steps.length} steps instead of the ${input.expected.steps} you saw`
    throw new AppFailure('CONFLICT', `The server changed since the preview: the snapshot now needs ${count}. Nothing was applied; review the new plan and apply again.`, { steps: plan.steps.length })
  }
  const credentials: GeneratedCredential[] = []
  const report = await applySnapshotPlan(session, input.fileName, plan, { onCredential: (credential) => credentials.push(credential) })
  const { total, ok, failed, skipped } = report.progress
  return {
    results: report.results.map(resultView),
    progress: { total, ok, failed, skipped },
    ...(report.haltedBecause ? { haltedBecause: showError(report.haltedBecause) } : {}),
    ...(report.auditProblem ? { auditProblem: showError(report.auditProblem) } : {}),
    credentials: credentials.map(({ kind, accessKey, secretKey, parentUser }) => ({ kind, accessKey, secretKey, ...(parentUser ? { parentUser } : {}) })),
  }
}

/** Snapshots channels: export, plan and apply through the audited IAM service, as the CLI does. */
export function snapshotsHandlers(services: AppServices): DomainHandlers<typeof snapshotsContract> {
  return {
    'snapshots.export': ({ connectionId }) =>
      withSession(services, connectionId, async (session, source) => {
        const fileName = exportFileName(source.connection)
        const snapshot = await exportForDownload(session, fileName, source)
        return { text: snapshotText(snapshot), fileName, counts: countsOf(snapshot) }
      }),
    // Parsed before any server call: a broken file costs no admin request and changes nothing.
    'snapshots.plan': async ({ connectionId, fileName, text, options }) => {
      const snapshot = parseSnapshot(text, fileName)
      return withSession(services, connectionId, async (session, source) => planView(await planAgainstServer(session, snapshot, source, options), snapshot))
    },
    'snapshots.apply': async ({ connectionId, text, ...input }) => {
      const snapshot = parseSnapshot(text, input.fileName)
      return withSession(services, connectionId, (session, source) => applyConfirmed(session, source, snapshot, input))
    },
  }
}
