import type { PlanStep } from './snapshot-plan.types.ts'

/** A plan step before it is numbered (ids are given once all phases are known). */
export type DraftStep = Omit<PlanStep, 'id' | 'phase'>

/** Builds a step without its id (numbered once all phases are known). */
export function step(
  kind: DraftStep['kind'],
  entity: DraftStep['entity'],
  name: string,
  summary: string,
  operation: PlanStep['operation'],
  needs: string[] = [],
  provides?: string,
): DraftStep {
  return { kind, entity, name, summary, operation, needs, ...(provides ? { provides } : {}) }
}
