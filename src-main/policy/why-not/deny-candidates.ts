/**
 * Candidate edits on the Deny side, for a Deny that blocks the request: make one of its conditions
 * fail (in the policy, or by sending another request value), drop the action or resource it names
 * exactly, or remove the statement. Proposals only: all are verified by re-evaluation.
 */
import { actionSetMatches } from '../action.ts'
import { ADMIN_ACTIONS, KMS_ACTIONS, S3_ACTIONS } from '../catalogue.ts'
import type { PolicyStatementDocument } from '../types.ts'
import { isIdentityKey, policyValuesFor, requestValuesFor } from './condition-fixes.ts'
import { editStatement, listOf, requestArn, withCondition, type LocatedStatement } from './documents.ts'
import type { Candidate, SuggestionKind } from './types.ts'
import type { PolicyRequest } from '../types.ts'

function edited(kind: SuggestionKind, title: string, located: LocatedStatement, edit: (statement: PolicyStatementDocument) => PolicyStatementDocument | undefined, remove = false): Candidate | undefined {
  let failed = false
  const document = editStatement(located.document, located.index, (statement) => {
    if (remove) return undefined
    const next = edit(statement)
    failed = next === undefined
    return next ?? statement
  })
  return failed ? undefined : { kind, title, documents: new Map([[located.documentId, document]]), newDocuments: [] }
}

const NAMED_ACTIONS = [...S3_ACTIONS.map((info) => info.action), ...ADMIN_ACTIONS, ...KMS_ACTIONS].filter((action) => !action.endsWith(':*') && action !== '*')

/**
 * A Deny's Action with each wildcard pattern that covers `action` replaced by the named actions it
 * covers, except `action`: it keeps denying everything else it denied. Undefined when no pattern does.
 */
function expandedActions(actions: string[], action: string): string[] | undefined {
  const covering = actions.filter((pattern) => /[*?]/.test(pattern) && actionSetMatches([pattern], action) !== undefined)
  if (covering.length === 0) return undefined
  const named = covering.flatMap((pattern) => NAMED_ACTIONS.filter((candidate) => candidate !== action && actionSetMatches([pattern], candidate) !== undefined))
  const kept = actions.filter((pattern) => !covering.includes(pattern))
  const result = [...new Set([...kept, ...named])]
  return result.length === 0 ? undefined : result
}

/** Every way this engine knows to stop a matching Deny from blocking the request. */
export function denyFixes(located: LocatedStatement, request: PolicyRequest): Candidate[] {
  const { statement, trace, label } = located
  const out: Array<Candidate | undefined> = []
  for (const condition of trace.conditions) {
    const values = policyValuesFor(condition, false)
    if (values) out.push(edited('narrowDeny', `Narrow the Deny in ${label}: set ${condition.key} ${condition.operator} to [${values.join(', ')}]`, located, (current) => withCondition(current, condition.operator, condition.key, values)))
    if (isIdentityKey(condition.key)) continue
    const change = requestValuesFor(condition, false)
    if (change) out.push({ kind: 'requestValue', title: `Send the request with ${condition.key} = ${change.values.join(', ')}: ${condition.key} would need to ${change.need} for the Deny in ${label} to stop applying`, documents: new Map(), newDocuments: [], requestValue: { key: condition.key, values: change.values } })
  }
  const actions = listOf(statement.Action)
  if (actions.includes(request.action) && actions.length > 1) {
    out.push(edited('narrowDeny', `Narrow the Deny in ${label}: remove ${request.action} from its Action`, located, (current) => ({ ...current, Action: actions.filter((action) => action !== request.action) })))
  }
  const expanded = expandedActions(actions, request.action)
  if (expanded) out.push(edited('narrowDeny', `Narrow the Deny in ${label}: list the actions its patterns cover except ${request.action}`, located, (current) => ({ ...current, Action: expanded })))
  const arn = requestArn(request)
  const resources = listOf(statement.Resource)
  if (resources.includes(arn) && resources.length > 1) {
    out.push(edited('narrowDeny', `Narrow the Deny in ${label}: remove ${arn} from its Resource`, located, (current) => ({ ...current, Resource: resources.filter((resource) => resource !== arn) })))
  }
  // MinIO refuses a canned policy without statements, so the last statement is not removed.
  if ((located.document.Statement ?? []).length > 1) out.push(edited('removeDeny', `Remove the Deny ${label}`, located, () => undefined, true))
  return out.filter((fix): fix is Candidate => fix !== undefined)
}
