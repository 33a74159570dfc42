/**
 * The pure part of `access.impact`: the evaluator over the state before and after the change,
 * capped for the screen. Run in the policy worker (policy-worker.thread.ts): on a large deployment
 * (a policy attached to thousands of users) it takes seconds, which must not stall main.
 */
import type { AccessChange } from '../access/access-diff.ts'
import type { DeploymentModel } from '../access/deployment.ts'
import { impactOf, type ProposedChange } from '../access/impact.ts'
import type { PrincipalKind } from '../access/principals.ts'

export type ImpactEntry = Omit<AccessChange, 'decidedBy'> & { decidedBy: AccessChange['decidedBy'] }

export interface ImpactPreview {
  gained: ImpactEntry[]
  lost: ImpactEntry[]
  asked: { principals: number; actions: number; resources: number }
  totals: { gained: number; lost: number; principals: number }
  summary: Array<{ kind: PrincipalKind; name: string; gained: number; lost: number }>
  truncated: boolean
}

/** Entries per list in the answer (and the ones whose deciding statements are named). */
export const IMPACT_LIST_LIMIT = 200
/** Principals in the summary. */
export const IMPACT_SUMMARY_LIMIT = 2000

const ORDER: Record<PrincipalKind, number> = { user: 0, accessKey: 1, group: 2 }

/** Per principal counts, users first, then access keys, then groups, each by name. */
function summarise(gained: readonly AccessChange[], lost: readonly AccessChange[]): ImpactPreview['summary'] {
  const rows = new Map<string, ImpactPreview['summary'][number]>()
  const count = (change: AccessChange, side: 'gained' | 'lost') => {
    const id = `${change.kind}:${change.name}`
    const row = rows.get(id) ?? { kind: change.kind, name: change.name, gained: 0, lost: 0 }
    row[side]++
    rows.set(id, row)
  }
  for (const change of gained) count(change, 'gained')
  for (const change of lost) count(change, 'lost')
  return [...rows.values()].sort((left, right) => ORDER[left.kind] - ORDER[right.kind] || (left.name < right.name ? -1 : left.name > right.name ? 1 : 0))
}

/** The capped preview of `change` on `model` at `now` (ms since the epoch: the worker gets plain data). */
export function impactPreviewOf(model: DeploymentModel, change: ProposedChange, now: number): ImpactPreview {
  const impact = impactOf(model, change, { explain: IMPACT_LIST_LIMIT, now: new Date(now) })
  const summary = summarise(impact.gained, impact.lost)
  return {
    gained: impact.gained.slice(0, IMPACT_LIST_LIMIT),
    lost: impact.lost.slice(0, IMPACT_LIST_LIMIT),
    asked: impact.asked,
    totals: { gained: impact.gained.length, lost: impact.lost.length, principals: summary.length },
    summary: summary.slice(0, IMPACT_SUMMARY_LIMIT),
    truncated: impact.gained.length > IMPACT_LIST_LIMIT || impact.lost.length > IMPACT_LIST_LIMIT || summary.length > IMPACT_SUMMARY_LIMIT,
  }
}
