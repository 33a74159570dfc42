/**
 * The decision (§5.1–5.2) and its explanation, from ONE code path: each step below computes the
 * boolean MinIO computes and, when a trace is requested, records what it saw.
 */
import { actionMatchesFor, actionPartMatches, compileParsed, type CompiledPolicySet, type CompiledResource, type CompiledStatement } from './compile.ts'
import { decodePolicyText, documentText } from './parse-config.ts'
import type { ParsedPolicy } from './model.ts'
import { cleanPath } from './text/go-text.ts'
import { matchResource, requestResource, substituteResource } from './resource.ts'
import type { ConditionValues, Decision, PolicyDocument, PolicyRequest, ResourceTrace, StatementTrace } from './types.ts'
import { buildExplanation } from './explain.ts'

interface RequestContext {
  action: string
  resource: string
  cleaned: string | undefined
  values: ConditionValues
}

function cleanedOf(context: RequestContext): string {
  context.cleaned ??= cleanPath(context.resource)
  return context.cleaned
}

/** Any resource of the set matches (Resource.Match per pattern, §3.2). */
function anyResourceMatches(resources: readonly CompiledResource[], context: RequestContext, trace: ResourceTrace[] | undefined): boolean {
  let matched = false
  for (const resource of resources) {
    const pattern = resource.hasVariable ? substituteResource(resource.pattern, context.values) : resource.pattern
    const via = matchResource(pattern, context.resource, cleanedOf(context))
    if (trace === undefined && via !== undefined) return true
    trace?.push({ pattern: resource.text, substituted: pattern, matched: via !== undefined, ...(via === undefined ? {} : { via }) })
    matched ||= via !== undefined
  }
  return matched
}

/** §5.1 steps 2–7 for a statement whose action part matched. */
function resourceAndConditions(statement: CompiledStatement, context: RequestContext, trace: StatementTrace | undefined): boolean {
  const isKmsShortcut = statement.kind === 'kms' && (context.resource === '/' || statement.resources.length === 0)
  const ignoresResource = isKmsShortcut || statement.kind === 'admin' || statement.kind === 'sts'
  if (!ignoresResource) {
    const resourceTrace = trace?.resources
    if (statement.resources.length > 0 && !anyResourceMatches(statement.resources, context, resourceTrace)) {
      if (trace === undefined) return false
      trace.resourceMatched = false
      trace.resourceDetail = 'no Resource pattern matches the request resource'
    }
    if (statement.notResources.length > 0 && anyResourceMatches(statement.notResources, context, resourceTrace)) {
      if (trace === undefined) return false
      trace.resourceMatched = false
      trace.resourceDetail = 'a NotResource pattern matches the request resource'
    }
  }
  if (trace !== undefined) {
    trace.resourceChecked = !ignoresResource
    if (ignoresResource) trace.resourceDetail = isKmsShortcut ? 'KMS statement: resources not consulted' : `${statement.kind} statement: resources ignored`
  }
  let conditionsHold = true
  for (const condition of statement.conditions) {
    if (!condition.evaluate(context.values, trace?.conditions)) {
      conditionsHold = false
      if (trace === undefined) return false
    }
  }
  if (trace === undefined) return true
  trace.conditionsMatched = conditionsHold
  trace.applies = trace.resourceMatched && conditionsHold
  return trace.applies
}

function describeAction(statement: CompiledStatement, action: string, actionMatched: boolean): string {
  const isNot = statement.notActions.length > 0
  if (actionMatched) return isNot ? `NotAction does not cover ${action}` : `Action covers ${action}`
  return isNot ? `NotAction covers ${action}` : `Action does not cover ${action}`
}

function newTrace(statement: CompiledStatement, context: RequestContext, actionMatched: boolean): StatementTrace {
  return {
    policyIndex: statement.policyIndex,
    statementIndex: statement.statementIndex,
    ...(statement.sid === '' ? {} : { sid: statement.sid }),
    effect: statement.effect,
    kind: statement.kind,
    actionMatched,
    actionDetail: describeAction(statement, context.action, actionMatched),
    resourceChecked: false,
    resourceMatched: true,
    resourceDetail: 'resource matches',
    requestResource: context.resource,
    resources: [],
    conditions: [],
    conditionsMatched: false,
    applies: false,
  }
}

/** Statement applies = action part, resources and conditions all hold (trace filled when given). */
function applies(statement: CompiledStatement, context: RequestContext, actionMatched: boolean, traces: StatementTrace[] | undefined): boolean {
  if (traces === undefined) return actionMatched && resourceAndConditions(statement, context, undefined)
  const trace = newTrace(statement, context, actionMatched)
  traces.push(trace)
  if (!actionMatched) return false
  return resourceAndConditions(statement, context, trace)
}

function pass(set: CompiledPolicySet, statements: readonly CompiledStatement[], context: RequestContext, traces: StatementTrace[] | undefined): boolean {
  const matches = actionMatchesFor(set, context.action)
  let found = false
  for (const statement of statements) {
    if (applies(statement, context, matches[statement.position] === 1, traces)) {
      if (traces === undefined) return true
      found = true
    }
  }
  return found
}

/**
 * Policy.IsAllowed on the merged set (§5.2): Deny pass, DenyOnly, IsOwner, Allow pass, default deny.
 * With `explain`, every consulted statement is traced by the same functions that decide.
 */
export function evaluate(set: CompiledPolicySet, request: PolicyRequest, options: { explain?: boolean } = {}): Decision {
  const context: RequestContext = {
    action: request.action,
    resource: requestResource(request.bucket ?? '', request.object ?? ''),
    cleaned: undefined,
    values: request.conditionValues ?? {},
  }
  const traces: StatementTrace[] | undefined = options.explain === true ? [] : undefined
  let decision: Decision
  if (pass(set, set.denies, context, traces)) decision = { effect: 'explicitDeny', allowed: false }
  else if (request.denyOnly === true || request.isOwner === true) decision = { effect: 'allow', allowed: true }
  else if (pass(set, set.allows, context, traces)) decision = { effect: 'allow', allowed: true }
  else decision = { effect: 'implicitDeny', allowed: false }
  if (traces !== undefined) decision.explanation = buildExplanation(decision.effect, traces, request)
  return decision
}

/**
 * Compiles documents (objects or raw JSON) as MinIO loads stored policies: decode only, no
 * validation. Throws nothing: a document that fails to decode is reported in `failures` and skipped.
 */
export function compilePolicies(documents: ReadonlyArray<PolicyDocument | string>): CompiledPolicySet & { failures: Array<{ index: number; message: string }> } {
  const failures: Array<{ index: number; message: string }> = []
  const parsed: ParsedPolicy[] = []
  const indices: number[] = []
  documents.forEach((document, index) => {
    const decoded = decodePolicyText(documentText(document))
    if ('failure' in decoded) failures.push({ index, message: decoded.failure.message })
    else {
      parsed.push(decoded.policy)
      indices.push(index)
    }
  })
  return { ...compileParsed(parsed, indices), failures }
}

export { actionPartMatches }
