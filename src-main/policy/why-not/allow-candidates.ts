/**
 * Candidate edits on the Allow side: for an Allow statement that does not apply, fix the first
 * part that fails (the action, then the resource, then the conditions; why-not.ts chains them),
 * and a new minimal Allow statement when none comes close. Proposals only: all are verified.
 */
import { actionSetMatches } from '../action.ts'
import { UNNAMEABLE_ADMIN_ACTIONS } from '../catalogue.ts'
import { matchWildcard } from '../text/wildcard.ts'
import type { PolicyDocument, PolicyRequest, PolicyStatementDocument } from '../types.ts'
import { isIdentityKey, policyValuesFor, requestValuesFor } from './condition-fixes.ts'
import { editStatement, listOf, requestArn, withCondition, type LocatedStatement } from './documents.ts'
import type { Candidate, SuggestionKind } from './types.ts'

function candidate(kind: SuggestionKind, title: string, located: LocatedStatement, edit: (statement: PolicyStatementDocument) => PolicyStatementDocument | undefined): Candidate | undefined {
  let failed = false
  const document = editStatement(located.document, located.index, (statement) => {
    const next = edit(statement)
    failed = next === undefined
    return next ?? statement
  })
  return failed ? undefined : { kind, title, documents: new Map([[located.documentId, document]]), newDocuments: [] }
}

function actionFixes(located: LocatedStatement, action: string): Candidate[] {
  const { statement, label } = located
  const actions = listOf(statement.Action)
  if (actions.length > 0 || statement.NotAction === undefined) {
    const fix = candidate('addAction', `Add ${action} to ${label}`, located, (current) => ({ ...current, Action: [...listOf(current.Action), action] }))
    return fix ? [fix] : []
  }
  // NotAction excludes it: drop the patterns that cover it (MinIO needs at least one left).
  const kept = listOf(statement.NotAction).filter((pattern) => actionSetMatches([pattern], action) === undefined)
  if (kept.length === 0) return []
  const fix = candidate('addAction', `Stop excluding ${action} in the NotAction of ${label}`, located, (current) => ({ ...current, NotAction: kept }))
  return fix ? [fix] : []
}

/** `arn:aws:s3:::logs/app/*` widened to cover `logs/web/x`: the longest shared prefix up to a `/`, then `*`. */
export function widenedPattern(pattern: string, arn: string): string | undefined {
  if (!pattern.startsWith('arn:aws:s3:::')) return undefined
  const literal = pattern.slice(0, pattern.search(/[*?$]|$/))
  let shared = 0
  while (shared < literal.length && shared < arn.length && literal[shared] === arn[shared]) shared++
  const cut = arn.lastIndexOf('/', shared - 1)
  // Widening across buckets would be no smaller than a new resource: leave that to addResource.
  if (cut < 'arn:aws:s3:::'.length) return undefined
  const widened = `${arn.slice(0, cut + 1)}*`
  return widened === pattern || !matchWildcard(widened, arn) ? undefined : widened
}

function resourceFixes(located: LocatedStatement, request: PolicyRequest): Candidate[] {
  const { statement, trace, label } = located
  const arn = requestArn(request)
  const notResources = listOf(statement.NotResource)
  const excluding = trace.resources.filter((resource) => resource.matched && notResources.includes(resource.pattern)).map((resource) => resource.pattern)
  if (excluding.length > 0) {
    const kept = notResources.filter((pattern) => !excluding.includes(pattern))
    const fix = candidate('addResource', `Stop excluding ${excluding.join(', ')} in the NotResource of ${label}`, located, ({ NotResource: _, ...rest }) => (kept.length > 0 ? { ...rest, NotResource: kept } : { ...rest, Resource: [arn] }))
    return fix ? [fix] : []
  }
  const resources = listOf(statement.Resource)
  const out = [candidate('addResource', `Add the resource ${arn} to ${label}`, located, (current) => ({ ...current, Resource: [...listOf(current.Resource), arn] }))]
  for (const pattern of resources) {
    const widened = widenedPattern(pattern, arn)
    if (widened === undefined) continue
    out.push(candidate('widenResource', `Widen ${pattern} to ${widened} in ${label}`, located, (current) => ({ ...current, Resource: listOf(current.Resource).map((item) => (item === pattern ? widened : item)) })))
  }
  return out.filter((fix): fix is Candidate => fix !== undefined)
}

function conditionFixes(located: LocatedStatement): Candidate[] {
  const { label } = located
  const failing = located.trace.conditions.filter((condition) => !condition.matched)
  if (failing.length === 0) return []
  const names = failing.map((condition) => `${condition.operator} ${condition.key}`).join(', ')
  const out: Array<Candidate | undefined> = []
  const values = failing.map((condition) => policyValuesFor(condition, true))
  if (values.every((list) => list !== undefined)) {
    const described = failing.map((condition, index) => `${condition.key} ${condition.operator} [${values[index]!.join(', ')}]`).join(', ')
    out.push(candidate('conditionValue', `Change the condition of ${label} to ${described}`, located, (statement) =>
      failing.reduce<PolicyStatementDocument | undefined>((current, condition, index) => current && withCondition(current, condition.operator, condition.key, values[index]), statement)))
  }
  out.push(candidate('removeCondition', `Remove the condition ${names} from ${label}`, located, (statement) =>
    failing.reduce<PolicyStatementDocument | undefined>((current, condition) => current && withCondition(current, condition.operator, condition.key, undefined), statement)))
  const [only] = failing
  if (failing.length === 1 && only && !isIdentityKey(only.key)) {
    const change = requestValuesFor(only, true)
    if (change) out.push({ kind: 'requestValue', title: `Send the request with ${only.key} = ${change.values.join(', ')}: ${only.key} would need to ${change.need} for ${label} to apply`, documents: new Map(), newDocuments: [], requestValue: { key: only.key, values: change.values } })
  }
  return out.filter((fix): fix is Candidate => fix !== undefined)
}

/** The next fix for an Allow statement that does not apply: its action, else its resource, else its conditions. */
export function allowFixes(located: LocatedStatement, request: PolicyRequest): Candidate[] {
  const { trace } = located
  if (!trace.actionMatched) return actionFixes(located, request.action)
  if (!trace.resourceMatched) return resourceFixes(located, request)
  return conditionFixes(located)
}

/**
 * The smallest Allow statement for the request: its action on exactly its resource (none for
 * admin/STS/KMS). ListAllMyBuckets names no bucket: `arn:aws:s3:::*` (MinIO refuses an empty
 * resource). An admin action a policy cannot name is granted only by `admin:*`.
 */
export function minimalStatement(request: PolicyRequest, taken: readonly string[]): PolicyStatementDocument {
  let sid = 'GatehouseAllow'
  for (let number = 2; taken.includes(sid); number++) sid = `GatehouseAllow${number}`
  const isS3 = request.action.startsWith('s3:')
  const action = UNNAMEABLE_ADMIN_ACTIONS.includes(request.action) ? 'admin:*' : request.action
  const resource = (request.bucket ?? '') === '' ? 'arn:aws:s3:::*' : requestArn(request)
  return { Sid: sid, Effect: 'Allow', Action: [action], ...(isS3 ? { Resource: [resource] } : {}) }
}

/** Appends the minimal Allow to `document` (id `documentId`, named `name`). */
export function newStatementIn(documentId: string, name: string, document: PolicyDocument, request: PolicyRequest): Candidate {
  const sids = (document.Statement ?? []).map((statement) => String(statement.Sid ?? ''))
  const statement = minimalStatement(request, sids)
  const next = { ...document, Statement: [...(document.Statement ?? []), statement] }
  const resource = listOf(statement.Resource)[0]
  return { kind: 'newStatement', title: `Add a new statement to "${name}": Allow ${listOf(statement.Action).join(', ')}${resource ? ` on ${resource}` : ''}`, documents: new Map([[documentId, next]]), newDocuments: [] }
}
