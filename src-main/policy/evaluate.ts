/**
 * The decision (§5.1–5.2) and its explanation, from ONE code path: each step below computes the
 * boolean MinIO computes and, when a trace is requested, records what it saw.
 */
import { actionPartMatches, candidatesFor, compileParsed, type CompiledPolicySet, type CompiledResource, type CompiledStatement } from './compile.ts'
import { matchWildcardKnown } from './text/wildcard.ts'
import { actionSetMatches } from './action.ts'
import { isAscii } from './text/utf8.ts'
import { GO_INDEX_PANIC } from './conditions/substitute.ts'
import { decodePolicyText, documentText } from './parse-config.ts'
import type { ParsedPolicy } from './model.ts'
import { cleanPath } from './text/go-text.ts'
import { matchResource, requestResource, substituteParts } from './resource.ts'
import type { ConditionValues, Decision, PolicyDocument, PolicyRequest, ResourceTrace, StatementTrace } from './types.ts'
import { buildExplanation } from './explain.ts'
import { activeSemantics, withSemantics, type PolicySemantics } from './semantics.ts'

interface RequestContext {
  /** Set when the request holds an empty list under a common key: MinIO panics where it substitutes. */
  mirrorsPanics: boolean
  action: string
  resource: string
  isResourceAscii: boolean
  cleaned: string | undefined
  values: ConditionValues
}

function cleanedOf(context: RequestContext): string {
  context.cleaned ??= cleanPath(context.resource)
  return context.cleaned
}

/** Thrown where MinIO v3.1.3 would panic (index [0] of an empty request-value list); evaluateCase reports it. */
export class GoPanic extends Error {
  constructor() {
    super(GO_INDEX_PANIC)
  }
}

function panicOnEmptyVariable(resource: CompiledResource, values: ConditionValues): void {
  for (const part of resource.parts) {
    if (typeof part !== 'string' && Object.hasOwn(values, part.short) && (values[part.short] as string[]).length === 0) throw new GoPanic()
  }
}

/** Resource.Match for one pattern: the exact shortcut against the cleaned resource, else the glob. */
function resourceMatches(resource: CompiledResource, context: RequestContext): { pattern: string; via: 'exact' | 'wildcard' | undefined } {
  if (resource.hasVariable) {
    if (context.mirrorsPanics) panicOnEmptyVariable(resource, context.values)
    const pattern = substituteParts(resource.parts, context.values)
    return { pattern, via: matchResource(pattern, context.resource, cleanedOf(context)) }
  }
  const cleaned = cleanedOf(context)
  if (cleaned !== '.' && cleaned === resource.pattern) return { pattern: resource.pattern, via: 'exact' }
  const isMatch = matchWildcardKnown(resource.pattern, resource.isAscii, context.resource, context.isResourceAscii)
  return { pattern: resource.pattern, via: isMatch ? 'wildcard' : undefined }
}

/** Any resource of the set matches (§3.2); with a trace, every pattern is tried and recorded. */
function anyResourceMatches(resources: readonly CompiledResource[], context: RequestContext, trace: ResourceTrace[] | undefined): boolean {
  let matched = false
  for (const resource of resources) {
    const { pattern, via } = resourceMatches(resource, context)
    if (trace === undefined && via !== undefined) return true
    trace?.push({ pattern: resource.text, substituted: pattern, matched: via !== undefined, ...(via === undefined ? {} : { via }) })
    matched ||= via !== undefined
  }
  return matched
}

/** §5.1 steps 2–7 for a statement whose action part matched. */
function resourceAndConditions(statement: CompiledStatement, context: RequestContext, trace: StatementTrace | undefined): boolean {
  // minio/pkg before v3.0.8: KMS statements never consulted Resource.
  const isKmsShortcut = statement.kind === 'kms' && (context.resource === '/' || statement.resources.length === 0 || !activeSemantics().kmsResources)
  const ignoresResource = isKmsShortcut || statement.kind === 'admin' || statement.kind === 'sts'
  if (!ignoresResource) {
    const resourceTrace = trace?.resources
    // minio/pkg before v3.0.28 had no NotResource: an empty Resource set matched nothing.
    const needsResource = statement.resources.length > 0 || !activeSemantics().notResource
    if (needsResource && !anyResourceMatches(statement.resources, context, resourceTrace)) {
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
    if (context.mirrorsPanics && condition.substitutes === true) throw new GoPanic()
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
  const pattern = actionSetMatches(isNot ? statement.notActions : statement.actions, action)
  // MinIO: s3:GetObjectVersion implies s3:GetObject (the only implied action).
  const via = pattern === undefined ? '' : pattern === action ? '' : pattern === 's3:GetObjectVersion' && action === 's3:GetObject' ? ' (s3:GetObjectVersion implies it)' : ` (pattern ${pattern})`
  if (actionMatched) return isNot ? `NotAction does not cover ${action}` : `Action covers ${action}${via}`
  return isNot ? `NotAction covers ${action}${via}` : `Action does not cover ${action}`
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

/** One pass (Deny or Allow). Without a trace only the action-index candidates are looked at. */
function pass(statements: readonly CompiledStatement[], candidates: readonly CompiledStatement[], context: RequestContext, traces: StatementTrace[] | undefined): boolean {
  if (traces === undefined) {
    for (const statement of candidates) if (resourceAndConditions(statement, context, undefined)) return true
    return false
  }
  let found = false
  for (const statement of statements) {
    if (applies(statement, context, candidates.includes(statement), traces)) found = true
  }
  return found
}

const ALLOW: Decision = Object.freeze({ effect: 'allow', allowed: true })
const EXPLICIT_DENY: Decision = Object.freeze({ effect: 'explicitDeny', allowed: false })
const IMPLICIT_DENY: Decision = Object.freeze({ effect: 'implicitDeny', allowed: false })

/**
 * Policy.IsAllowed on the merged set (§5.2): Deny pass, DenyOnly, IsOwner, Allow pass, default deny.
 * With `explain`, every consulted statement is traced by the same functions that decide;
 * `traceAllowPass` also traces the Allow pass after a matching Deny (which MinIO never reaches),
 * for callers asking what the answer would be if that Deny's conditions did not hold. The
 * decision is the same either way.
 */
export function evaluate(set: CompiledPolicySet, request: PolicyRequest, options?: EvaluateOptions): Decision {
  return withSemantics(options?.semantics, () => evaluateIn(set, request, options))
}

interface EvaluateOptions {
  explain?: boolean
  mirrorPanics?: boolean
  traceAllowPass?: boolean
  /** Which minio/pkg decides (default v3.1.3); compile with the same semantics. */
  semantics?: PolicySemantics
}

function evaluateIn(set: CompiledPolicySet, request: PolicyRequest, options?: EvaluateOptions): Decision {
  const resource = requestResource(request.bucket ?? '', request.object ?? '')
  const context: RequestContext = { mirrorsPanics: options?.mirrorPanics === true, action: request.action, resource, isResourceAscii: isAscii(resource), cleaned: undefined, values: request.conditionValues ?? EMPTY_VALUES }
  const candidates = candidatesFor(set, request.action)
  const traces: StatementTrace[] | undefined = options?.explain === true ? [] : undefined
  let decision: Decision
  if (pass(set.denies, candidates.denies, context, traces)) {
    decision = EXPLICIT_DENY
    if (traces !== undefined && options?.traceAllowPass === true) pass(set.allows, candidates.allows, context, traces)
  } else if (request.denyOnly === true || request.isOwner === true) decision = ALLOW
  else if (pass(set.allows, candidates.allows, context, traces)) decision = ALLOW
  else decision = IMPLICIT_DENY
  if (traces === undefined) return decision
  return { ...decision, explanation: buildExplanation(decision.effect, traces, request) }
}

const EMPTY_VALUES: ConditionValues = Object.freeze({}) as ConditionValues

/**
 * Compiles documents (objects or raw JSON) as MinIO loads stored policies: decode only, no
 * validation. Throws nothing: a document that fails to decode is reported in `failures` and skipped.
 */
export function compilePolicies(documents: ReadonlyArray<PolicyDocument | string>, options: { semantics?: PolicySemantics } = {}): CompiledPolicySet & { failures: Array<{ index: number; message: string }> } {
  return withSemantics(options.semantics, () => compileIn(documents))
}

function compileIn(documents: ReadonlyArray<PolicyDocument | string>): CompiledPolicySet & { failures: Array<{ index: number; message: string }> } {
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
