import type { AppError, ErrorCode } from '../api/result.ts'
import { planFingerprint } from './plan-fingerprint.ts'
import type { ApplyReport, GeneratedCredential, StepResult } from './snapshot-apply.ts'
import type { PlanPhase, PlanStep, SnapshotPlan } from './snapshot-plan.types.ts'
import type { Snapshot } from './snapshot.schema.ts'

/** A step as the Snapshots screen shows it: its words, never the server call (which may hold a policy document). */
export interface StepView {
  id: number
  phase: PlanPhase
  kind: PlanStep['kind']
  entity: PlanStep['entity']
  name: string
  summary: string
  /** Deletes something, or takes away a membership or an attached policy. */
  isDestructive: boolean
}

/** An error inside a view: code and message only (`details` stay in main). */
export interface ShownError {
  code: ErrorCode
  message: string
}

/** The plan grouped by phase, its fingerprint and where the snapshot says it came from. */
export interface PlanView {
  fingerprint: string
  counts: SnapshotPlan['counts']
  phases: Array<{ phase: PlanPhase; steps: StepView[] }>
  warnings: string[]
  snapshot: { endpoint: string; connection?: string; exportedAt: string; exportedBy: string; counts: SnapshotCounts }
}

/** What an apply did, step by step, with the secrets it made (shown once, never stored). */
export interface ApplyView {
  results: Array<StepView & { status: StepResult['status']; error?: ShownError }>
  progress: { total: number; ok: number; failed: number; skipped: number }
  haltedBecause?: ShownError
  auditProblem?: ShownError
  credentials: GeneratedCredential[]
}

export type SnapshotCounts = Record<'policies' | 'users' | 'groups' | 'accessKeys', number>

const DESTRUCTIVE_OPERATIONS = new Set<PlanStep['operation']['type']>(['removeGroupMembers', 'detachPolicies'])

/** How many of each a snapshot holds (the `after` of a `snapshot.exported` event). */
export function countsOf(snapshot: Snapshot): SnapshotCounts {
  return { policies: snapshot.policies.length, users: snapshot.users.length, groups: snapshot.groups.length, accessKeys: snapshot.accessKeys.length }
}

export function stepView(step: PlanStep): StepView {
  const { id, phase, kind, entity, name, summary } = step
  return { id, phase, kind, entity, name, summary, isDestructive: kind === 'remove' || DESTRUCTIVE_OPERATIONS.has(step.operation.type) }
}

/** The plan grouped by phase (in run order, empty phases left out), with its fingerprint. */
export function planView(plan: SnapshotPlan, snapshot: Snapshot): PlanView {
  const phases: PlanView['phases'] = []
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

/** The report of an apply with the credentials it made, errors reduced to code and message. */
export function applyView(report: ApplyReport, credentials: readonly GeneratedCredential[]): ApplyView {
  const { total, ok, failed, skipped } = report.progress
  return {
    results: report.results.map((result) => ({ ...stepView(result.step), status: result.status, ...(result.error ? { error: shown(result.error) } : {}) })),
    progress: { total, ok, failed, skipped },
    ...(report.haltedBecause ? { haltedBecause: shown(report.haltedBecause) } : {}),
    ...(report.auditProblem ? { auditProblem: shown(report.auditProblem) } : {}),
    credentials: credentials.map(({ kind, accessKey, secretKey, parentUser }) => ({ kind, accessKey, secretKey, ...(parentUser ? { parentUser } : {}) })),
  }
}

/** "gatehouse-iam-prod-2026-11-23T12-30-00Z.json": the connection and the time, safe as a file name. */
export function exportFileName(connection: string, at = new Date()): string {
  const safe = connection.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'connection'
  return `gatehouse-iam-${safe}-${at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.json`
}

/** An error as a view shows it: its code and message; `details` stay in main. */
function shown({ code, message }: AppError): ShownError {
  return { code, message }
}
