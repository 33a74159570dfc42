import { describe, expect, it } from 'vitest'
import { testSnapshot } from '../testbed/worlds/access-world.ts'
import { AccessAnalyzer, levelOf } from './access-analyzer.ts'
import { resourcesFor } from './access-catalogue.ts'
import { DIFF_ACTIONS } from './access-diff.ts'
import { parseResource, requestFor } from './access-request.ts'
import { deploymentFromSnapshot } from './deployment.ts'
import { allPrincipals } from './principals.ts'

// level() answers plain questions from per-document answers (plain-levels.ts); cell() always runs
// the full principal layer and evaluator with its trace. They must agree on every question.
describe('plain levels agree with the full evaluator', () => {
  it('every principal of the test world × every action × every resource its policies and buckets name', () => {
    const model = deploymentFromSnapshot(testSnapshot(), 'test', ['data', 'home', 'logs', 'shared'])
    const resources = resourcesFor(model.buckets, [...model.policies.values()]).concat(['home/frank/x', 'shared/x'])
    const requests = DIFF_ACTIONS.flatMap((action) => resources.map((resource) => requestFor(action, parseResource(resource))))
    const fast = new AccessAnalyzer(model, new Date('2026-12-01T12:00:00Z'))
    const full = new AccessAnalyzer(model, new Date('2026-12-01T12:00:00Z'))
    const disagreements: string[] = []
    let allowed = 0
    for (const ref of allPrincipals(model)) {
      for (const request of requests) {
        const level = fast.level(ref, request)
        const expected = levelOf(full.cell(ref, request))
        if (level === 'allow') allowed++
        if (level !== expected) disagreements.push(`${ref.kind}:${ref.name} ${request.action} ${request.bucket}/${request.object}: ${level} vs ${expected}`)
      }
    }
    expect(disagreements).toEqual([])
    expect(allowed).toBeGreaterThan(100)
  })
})
