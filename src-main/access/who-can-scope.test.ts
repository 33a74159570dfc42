import { describe, expect, it } from 'vitest'
import { RANDOM_WORLD_ACTIONS, RANDOM_WORLD_CONTEXTS, RANDOM_WORLD_NOW, RANDOM_WORLD_RESOURCES, randomAccessWorld } from '../testbed/worlds/random-access-world.ts'
import { AccessAnalyzer } from './access-analyzer.ts'
import { parseResource, requestFor } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import type { PrincipalRef } from './principals.ts'
import { allowingPolicies } from './who-can-scope.ts'

// The who-can scope leaves out every principal none of whose policies may allow the request: that
// is sound only if everyone the evaluator allows holds one of those policies. Checked on the seeded
// random worlds (Deny, conditions, NotResource, ${aws:username}, a document that does not decode).
const SEEDS = [1, 7, 20261202]

function policiesOf(model: DeploymentModel, ref: PrincipalRef): string[] {
  if (ref.kind === 'group') return [...(model.groups.get(ref.name)?.policies ?? [])]
  const user = model.users.get(ref.kind === 'user' ? ref.name : (model.accessKeys.get(ref.name)?.parent ?? ''))
  return [...(user?.policies ?? []), ...(user?.groups ?? []).flatMap((group) => model.groups.get(group)?.policies ?? [])]
}

describe.each(SEEDS)('who-can scope on random world %i', (seed) => {
  const model = randomAccessWorld(seed)
  it('everyone allowed holds a policy that may allow the request', () => {
    let allowed = 0
    for (const action of [...RANDOM_WORLD_ACTIONS, 's3:ListAllMyBuckets']) {
      for (const resource of RANDOM_WORLD_RESOURCES) {
        const request = requestFor(action, parseResource(resource))
        const allowing = allowingPolicies(model.policies, request)
        for (const conditions of RANDOM_WORLD_CONTEXTS) {
          for (const entry of new AccessAnalyzer(model, RANDOM_WORLD_NOW).whoCan(request, conditions)) {
            allowed++
            expect(policiesOf(model, entry).some((name) => allowing.has(name)), `${seed} ${action} ${resource} ${entry.kind} ${entry.name}`).toBe(true)
          }
        }
      }
    }
    expect(allowed).toBeGreaterThan(50)
  })
})
