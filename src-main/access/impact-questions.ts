/**
 * Which questions a change of documents can alter at all. MinIO merges a principal's documents and
 * evaluates them Deny first, then Allow, each an OR over statements; so where the changed document
 * answers a request the same before and after (and the answer depends on no condition or identity),
 * no principal's answer to it can change, whatever else it holds. Such questions are not asked.
 * Only a choice of QUESTIONS: every answer still comes from the evaluator on both whole states.
 */
import { CompileCache, evaluate, type DecisionEffect, type PolicyDocument } from '../policy/index.ts'
import type { AccessRequest } from './access-request.ts'
import type { DeploymentModel } from './deployment.ts'
import type { ProposedChange } from './impact-change.ts'
import { PolicyTraits } from './policy-traits.ts'

/** A document version's plain answer, or undefined when conditions or the identity may decide it (or it does not decode). */
type PlainAnswer = (document: PolicyDocument | undefined, request: AccessRequest) => DecisionEffect | undefined

function plainAnswers(): PlainAnswer {
  const cache = new CompileCache()
  const traits = new PolicyTraits()
  return (document, request) => {
    if (document === undefined) return 'implicitDeny'
    const trait = traits.of(document, request)
    if (trait.hasConditions || trait.readsIdentity) return undefined
    const compiled = cache.compile([document])
    if (typeof compiled === 'string') return undefined
    return evaluate(compiled.set, { action: request.action, bucket: request.bucket, object: request.object, isOwner: false, denyOnly: false }).effect
  }
}

/** Pairs of versions (before, after) of the documents `change` swaps; undefined when it swaps whole sets (status, membership). */
function versionsOf(before: DeploymentModel, after: DeploymentModel, change: ProposedChange): Array<[PolicyDocument | undefined, PolicyDocument | undefined]> | undefined {
  if (change.kind === 'putPolicy' || change.kind === 'deletePolicy') return [[before.policies.get(change.name), after.policies.get(change.name)]]
  // Attaching adds the document where it was absent; detaching takes it away.
  if (change.kind === 'attach' || change.kind === 'detach') return change.policies.map((name) => [undefined, before.policies.get(name) ?? after.policies.get(name)])
  return undefined
}

/** The filter for diffAccess's `keep`; undefined when every question may change. */
export function questionsWorthAsking(before: DeploymentModel, after: DeploymentModel, change: ProposedChange): ((request: AccessRequest) => boolean) | undefined {
  const versions = versionsOf(before, after, change)
  if (!versions) return undefined
  const answer = plainAnswers()
  return (request) =>
    versions.some(([old, next]) => {
      const was = answer(old, request)
      const is = answer(next, request)
      return was === undefined || is === undefined || was !== is
    })
}
