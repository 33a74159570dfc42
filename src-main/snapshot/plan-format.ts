import type { ApplyReport } from './snapshot-apply.ts'
import type { PlanStep, SnapshotPlan } from './snapshot-plan.types.ts'

const MARKS: Record<PlanStep['kind'], string> = { create: '+', change: '~', remove: '-' }

/** One line per step: `  3. ~ user 'alice': attach readonly`. */
export function formatStep(step: PlanStep): string {
  return `${String(step.id).padStart(4)}. ${MARKS[step.kind]} ${step.entity} '${step.name}': ${step.summary}`
}

/** The plan as people read it (the `snapshot diff` output): counts, steps in order, warnings. */
export function formatPlan(plan: SnapshotPlan, target: string): string {
  const { create, change, remove } = plan.counts
  const lines = plan.steps.length === 0
    ? [`No changes: ${target} already matches the snapshot.`]
    : [`Plan for ${target}: ${create} to create, ${change} to change, ${remove} to remove.`, ...plan.steps.map(formatStep)]
  if (plan.warnings.length > 0) lines.push('Left as they are:', ...plan.warnings.map((warning) => `   ! ${warning}`))
  return `${lines.join('\n')}\n`
}

/** The per-step outcome of an apply, failures with their code and message, then the totals. */
export function formatApplyReport(report: ApplyReport): string {
  const lines = report.results.map((result) => {
    const label = result.status === 'ok' ? 'ok     ' : result.status === 'failed' ? 'FAILED ' : 'skipped'
    const why = result.error ? `\n           ${result.error.code}: ${result.error.message}` : ''
    return `${label}${formatStep(result.step)}${why}`
  })
  const { ok, failed, skipped, total } = report.progress
  const ending = report.isCancelled ? ' (cancelled)' : report.haltedBecause ? ` (stopped: ${report.haltedBecause.code})` : ''
  lines.push(`Applied ${ok} of ${total} steps: ${failed} failed, ${skipped} skipped${ending}.`)
  if (report.auditProblem) lines.push(`Warning: ${report.auditProblem.code}: ${report.auditProblem.message}`)
  return `${lines.join('\n')}\n`
}
