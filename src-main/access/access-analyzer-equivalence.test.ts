import { describe, expect, it } from 'vitest'
import { evaluatePrincipal } from '../policy/index.ts'
import { RANDOM_WORLD_ACTIONS, RANDOM_WORLD_CONTEXTS, RANDOM_WORLD_NOW, RANDOM_WORLD_RESOURCES, randomAccessWorld } from '../testbed/worlds/random-access-world.ts'
import { AccessAnalyzer, levelOf } from './access-analyzer.ts'
import { blockedCell, cellOf, type AccessCell } from './access-cell.ts'
import { parseResource, requestFor, type AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import { allPrincipals, assemblePrincipal, SESSION_POLICY, type PrincipalRef } from './principals.ts'
import { conditionValuesFor, isDetermined } from './request-context.ts'

// The analyzer's fast paths (answers shared per shape, shared user parts, policy traits, the plain
// decision for a default deny, reused condition maps) against the plain road: a principal assembled
// afresh, evaluated with an explanation and no cache, one question at a time. Seeded: a failure
// names its seed and can be replayed.
const SEEDS = [1, 7, 20261202]

function plainCell(model: DeploymentModel, ref: PrincipalRef, request: AccessRequest, supplied: Record<string, string[]>): AccessCell & { plainEffect: string } {
  const principal = assemblePrincipal(model, ref, RANDOM_WORLD_NOW)
  if (principal.blocked) return { ...blockedCell(principal.blocked), plainEffect: 'implicitDeny' }
  const conditions = { ...request.implied, ...supplied }
  const args = { action: request.action, bucket: request.bucket, object: request.object, ...(principal.identity.userName ? { account: principal.identity.userName } : {}), conditionValues: conditionValuesFor(principal.identity, conditions) }
  const decision = evaluatePrincipal(principal.input, args, { explain: true, traceAllowPass: true })
  const names = new Set(Object.keys(conditions))
  return { ...cellOf(decision, principal.parentPolicies, SESSION_POLICY, (key) => isDetermined(key, principal.identity, names)), plainEffect: evaluatePrincipal(principal.input, args).effect }
}

// A default deny (no condition in play, so the analyzer answers from the plain decision without a
// trace) words its summary itself and names no deciding statement: for an access key whose session
// policy refuses, the parent's applying Deny is not named there although a traced cell names it
// (as before this optimisation). Every other field is the same.
const pick = ({ effect, isPossible, isConditional, conditionKeys, decidedBy, reason, summary }: AccessCell): AccessCell => ({ effect, isPossible, isConditional, conditionKeys, decidedBy, reason, summary })

function expectSame(cell: AccessCell, plain: AccessCell, where: string): void {
  const isDefaultDeny = plain.effect === 'implicitDeny' && !plain.isConditional && !cell.isConditional && cell.decidedBy.length === 0
  const strip = ({ summary, decidedBy, ...rest }: AccessCell) => (isDefaultDeny ? rest : { ...rest, decidedBy, summary })
  expect(strip(pick(cell)), where).toEqual(strip(pick(plain)))
}

describe.each(SEEDS)('the analyzer answers as the plain evaluator on random world %i', (seed) => {
  const model = randomAccessWorld(seed)
  const refs = allPrincipals(model)
  const requests = RANDOM_WORLD_ACTIONS.flatMap((action) => RANDOM_WORLD_RESOURCES.map((resource) => requestFor(action, parseResource(resource))))

  it('cell by cell, the same analyzer asked everything (answers cached across principals and questions)', () => {
    const analyzer = new AccessAnalyzer(model, RANDOM_WORLD_NOW)
    let asked = 0
    for (const supplied of RANDOM_WORLD_CONTEXTS) {
      for (const request of requests) {
        for (const ref of refs) {
          const plain = plainCell(model, ref, request, supplied)
          const cell = analyzer.cell(ref, request, supplied)
          const where = `seed ${seed}: ${ref.kind} ${ref.name}, ${request.action} ${request.bucket}/${request.object}, ${JSON.stringify(supplied)}`
          expectSame(cell, plain, where)
          expect(cell.effect, where).toBe(plain.plainEffect)
          if (Object.keys(supplied).length === 0) expect(analyzer.level(ref, request), where).toBe(levelOf(plain))
          asked++
        }
      }
    }
    expect(asked).toBe(RANDOM_WORLD_CONTEXTS.length * requests.length * refs.length)
  })

  it('who-can lists exactly the principals the plain road allows, in order, with the same answers', () => {
    for (const supplied of RANDOM_WORLD_CONTEXTS) {
      for (const request of requests) {
        const entries = new AccessAnalyzer(model, RANDOM_WORLD_NOW).whoCan(request, supplied)
        const expected = refs.flatMap((ref) => {
          const plain = plainCell(model, ref, request, supplied)
          return plain.isPossible ? [{ ref, plain }] : []
        })
        const where = `seed ${seed}: ${request.action} ${request.bucket}/${request.object}, ${JSON.stringify(supplied)}`
        expect(entries.map((entry) => `${entry.kind}:${entry.name}`), where).toEqual(expected.map(({ ref }) => `${ref.kind}:${ref.name}`))
        entries.forEach((entry, index) => expectSame(entry, expected[index]!.plain, `${where}, ${entry.name}`))
      }
    }
  })

  it('a matrix per principal equals its cells asked one by one', () => {
    for (const ref of refs.filter((_, index) => index % 5 === 0)) {
      const resources = RANDOM_WORLD_RESOURCES.map((label) => ({ label, ...parseResource(label) }))
      for (const supplied of RANDOM_WORLD_CONTEXTS) {
        const cells = new AccessAnalyzer(model, RANDOM_WORLD_NOW).matrix(ref, RANDOM_WORLD_ACTIONS, resources, supplied)
        const expected = RANDOM_WORLD_ACTIONS.flatMap((action) => resources.map((resource) => ({ action, resource: resource.label, plain: plainCell(model, ref, requestFor(action, resource), supplied) })))
        expect(cells.map((cell) => `${cell.action} ${cell.resource}`)).toEqual(expected.map((item) => `${item.action} ${item.resource}`))
        cells.forEach((cell, index) => expectSame(cell, expected[index]!.plain, `seed ${seed}: ${ref.kind} ${ref.name}, ${cell.action} ${cell.resource}, ${JSON.stringify(supplied)}`))
      }
    }
  })
})
