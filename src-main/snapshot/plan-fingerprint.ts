import { createHash } from 'node:crypto'
import type { SnapshotPlan } from './snapshot-plan.types.ts'

/**
 * A digest of everything a plan would do (every step with its call, in order, and the warnings), so
 * an apply can check that the plan it is about to run is the one the user previewed: any change on
 * the server (or in the snapshot) since then gives another fingerprint. 64 hex characters.
 */
export function planFingerprint(plan: SnapshotPlan): string {
  const content = { steps: plan.steps.map(({ id, phase, kind, entity, name, summary, operation }) => [id, phase, kind, entity, name, summary, operation]), warnings: plan.warnings }
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}
