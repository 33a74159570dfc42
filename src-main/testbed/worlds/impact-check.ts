/** Test helper of the impact previews' tests: every claimed gain and loss asked again of the evaluator. */
import { expect } from 'vitest'
import { AccessAnalyzer } from '../../access/access-analyzer.ts'
import { DIFF_ACTIONS, diffAccess, type AccessChange } from '../../access/access-diff.ts'
import { parseResource, requestFor } from '../../access/access-request.ts'
import { testSnapshot } from './access-world.ts'
import { deploymentFromSnapshot, type DeploymentModel } from '../../access/deployment.ts'
import { impactOf, tidy, type ProposedChange } from '../../access/impact.ts'

export const NOW = new Date('2026-12-01T12:00:00Z')
export const BUCKETS = ['data', 'home', 'logs', 'shared']
export const world = (): DeploymentModel => deploymentFromSnapshot(testSnapshot(), 'test', BUCKETS)
export const line = (change: AccessChange) => `${change.kind}:${change.name} ${change.action} ${change.resource}`
export const who = (changes: AccessChange[]) => [...new Set(changes.map((change) => `${change.kind}:${change.name}`))].sort()

/** Every claimed gain and loss, asked again of the evaluator on the two states directly. */
export function expectEvaluatorAgrees(before: DeploymentModel, change: ProposedChange): ReturnType<typeof impactOf> {
  const impact = impactOf(before, change, { now: NOW })
  const analyzers = { before: new AccessAnalyzer(before, NOW), after: new AccessAnalyzer(impact.after, NOW) }
  const has = (model: DeploymentModel, entry: AccessChange) => (entry.kind === 'user' ? model.users : entry.kind === 'group' ? model.groups : model.accessKeys).has(entry.name)
  for (const entry of [...impact.gained, ...impact.lost]) {
    const request = requestFor(entry.action, entry.resource === '*' ? { bucket: '', object: '' } : parseResource(entry.resource))
    const level = (side: 'before' | 'after') => (has(side === 'before' ? before : impact.after, entry) ? analyzers[side].level(entry, request) : 'none')
    expect({ entry: line(entry), before: level('before'), after: level('after') }).toEqual({ entry: line(entry), before: entry.before, after: entry.after })
  }
  // Narrowing to the reach and the changed documents loses nothing: every principal and action asked on the same resources.
  const full = diffAccess(before, impact.after, { now: NOW, focus: { actions: DIFF_ACTIONS, resources: impact.focus.resources }, explain: false, ...(impact.focus.resourcesOf ? { resourcesOf: impact.focus.resourcesOf } : {}) })
  expect({ gained: impact.gained.map(line).sort(), lost: impact.lost.map(line).sort() }).toEqual({ gained: tidy(full.gained).map(line).sort(), lost: tidy(full.lost).map(line).sort() })
  return impact
}

