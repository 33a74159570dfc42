import type { DecisionPart, TesterAnswer, TesterPrincipal, TesterRequest, WorkspaceDocument } from './tester.types.ts'
import { catalogue, evaluatePrincipal, validatePolicy } from '../policy/index.ts'
import type { Decision, Issue, PolicySemantics, PrincipalDecision, PrincipalInput, StatementTrace } from '../policy/index.ts'
import { answerS3Operation, S3_OPERATIONS, type S3Check, type S3OperationAnswer } from '../policy/server-request/s3-operations.ts'
import { SEMANTICS_LINES, semanticsById, semanticsForRelease, type SemanticsChoice } from '../policy/server-request/semantics.ts'
import { conditionMapFor, type BuiltMap } from './tester-request.ts'
import { AppFailure } from '../api/result.ts'

/**
 * The policy tester's offline side: the workspace (documents + principal + request) in, the
 * engine's answer out, every statement trace labelled with the workspace document it came from.
 * Pure apart from the clock (MinIO fills aws:CurrentTime with "now"). The condition map is the
 * server's (tester-request.ts); a question may be an S3 operation, answered check by check.
 */

type Principal = Required<Pick<TesterPrincipal, 'userPolicies' | 'groups'>> & Omit<TesterPrincipal, 'userPolicies' | 'groups'>

interface EvaluateInput {
  documents: WorkspaceDocument[]
  principal: Principal
  request: TesterRequest
}

/** Evaluates the request for the principal; INVALID_INPUT when the principal names an unknown document. */
export function evaluateWorkspace(input: EvaluateInput, clock: Date = new Date()): TesterAnswer {
  const byId = new Map(input.documents.map((document) => [document.id, document]))
  const lookup = (id: string): WorkspaceDocument => {
    const document = byId.get(id)
    if (!document) throw new AppFailure('INVALID_INPUT', `The principal refers to document ${id}, which is not in the workspace.`)
    return document
  }
  const { principal, request } = input
  const now = request.now === undefined ? clock : new Date(request.now)
  const userDocuments = principal.userPolicies.map(lookup)
  const groups = principal.groups.map((group) => ({ ...group, documents: group.policies.map(lookup) }))
  const sessionId = principal.accessKey?.sessionPolicy ?? null
  const session = sessionId === null ? null : lookup(sessionId)
  const engineInput: PrincipalInput = {
    userPolicies: userDocuments.map((document) => document.text),
    groups: groups.map((group) => ({ name: group.name, enabled: group.enabled, policies: group.documents.map((document) => document.text) })),
    ...(principal.accessKey ? { accessKey: { sessionPolicy: session === null ? 'inherit' : session.text } } : {}),
    isRoot: principal.isRoot === true,
    isOwner: principal.isOwner === true,
  }
  // Validation and evaluation follow the selected release's minio/pkg line.
  const chosen = chooseSemantics(request.semantics)
  const rules = chosen.semantics.rules
  const asked: Array<{ check: S3Check; decision: PrincipalDecision; map: BuiltMap }> = []
  const ask = (check: S3Check): boolean => {
    const map = conditionMapFor(request, principal, check, now)
    const decision = evaluatePrincipal(engineInput, {
      action: check.action,
      bucket: check.bucket,
      object: check.object,
      ...(principal.userName ? { account: principal.userName } : {}),
      groups: groups.map((group) => group.name),
      conditionValues: map.values,
      ...(check.denyOnly ? { denyOnly: true } : {}),
    }, { explain: true, semantics: rules })
    asked.push({ check, decision, map })
    return decision.allowed
  }
  const operation = request.operation
    ? answerS3Operation({ ...request.operation, bucket: request.bucket, key: request.object }, ask)
    : undefined
  if (!operation) ask({ action: request.action, bucket: request.bucket, object: request.object, headers: {}, form: {}, purpose: 'the action asked' })
  // The answer shown in full is the last check that agrees with the outcome (the one that decided).
  const deciding = [...asked].reverse().find((item) => item.decision.allowed === (operation?.allowed ?? item.decision.allowed)) ?? asked[asked.length - 1]!
  const { decision, map } = deciding
  // MinIO merges the user's policies, then each enabled group's, into one policy (§5.4).
  const parentOrder = [...userDocuments, ...groups.filter((group) => group.enabled).flatMap((group) => group.documents)]
  return {
    effect: decision.effect,
    allowed: operation?.allowed ?? decision.allowed,
    reason: decision.reason,
    summary: withDocumentNames(operation && operation.checks.length > 1 ? operation.summary : decision.summary, parentOrder),
    ...(decision.parent ? { parent: decisionPart(decision.parent, parentOrder) } : {}),
    ...(decision.session && session ? { session: decisionPart(decision.session, [session]) } : {}),
    ...(decision.error === undefined ? {} : { error: decision.error }),
    conditionValues: map.values,
    serverFilled: map.filled.filter((entry) => entry.source !== 'override' && !entry.overridden).map((entry) => entry.key),
    filled: map.filled,
    ...(operation ? { operation: operationView(request.operation!.kind, operation, asked, parentOrder) } : {}),
    semantics: semanticsView(chosen),
    documents: documentIssues(userDocuments, groups.flatMap((group) => group.documents), session, rules),
  }
}

/** The connected server's version decides; offline, the user's pick; else the last community release. */
export function chooseSemantics(asked: TesterRequest['semantics']): SemanticsChoice {
  const chosen = asked.serverVersion ? semanticsForRelease(asked.serverVersion) : semanticsById(asked.id)
  return asked.serverVersion && chosen.basis === 'default' ? semanticsById(asked.id) : chosen
}

function semanticsView({ semantics, ...rest }: SemanticsChoice) {
  return { id: semantics.id, pkg: semantics.pkg, ...rest }
}

function operationView(kind: string, operation: S3OperationAnswer, asked: Array<{ check: S3Check; decision: PrincipalDecision; map: BuiltMap }>, order: readonly WorkspaceDocument[]) {
  return {
    kind,
    allowed: operation.allowed,
    summary: operation.summary,
    ...(operation.listedBuckets ? { listedBuckets: operation.listedBuckets } : {}),
    checks: asked.map(({ check, decision, map }) => ({
      action: check.action,
      bucket: check.bucket,
      object: check.object,
      denyOnly: check.denyOnly === true,
      purpose: check.purpose,
      allowed: decision.allowed,
      effect: decision.effect,
      summary: withDocumentNames(decision.summary, order),
      conditionValues: map.values,
    })),
  }
}

function decisionPart(decision: Decision, order: readonly WorkspaceDocument[]): DecisionPart {
  const explanation = decision.explanation
  const decisive = new Set((explanation?.decisive ?? []).map(traceKey))
  const statements = (explanation?.statements ?? []).map((trace) => {
    const document = order[trace.policyIndex]
    return { ...trace, documentId: document?.id ?? null, documentName: document?.name ?? `policy ${trace.policyIndex + 1}`, isDecisive: decisive.has(traceKey(trace)) }
  })
  return { effect: decision.effect, allowed: decision.allowed, summary: withDocumentNames(explanation?.summary ?? '', order), statements }
}

/** The engine counts policies ("policy 2, statement 1"); the workspace has names for them. */
function withDocumentNames(summary: string, order: readonly WorkspaceDocument[]): string {
  return summary.replace(/\bpolicy (\d+)(?=, statement)/g, (text, number: string) => {
    const document = order[Number(number) - 1]
    return document ? `"${document.name}"` : text
  })
}

function traceKey(trace: StatementTrace): string {
  return `${trace.effect}:${trace.policyIndex}:${trace.statementIndex}`
}

function documentIssues(userDocuments: WorkspaceDocument[], groupDocuments: WorkspaceDocument[], session: WorkspaceDocument | null, semantics: PolicySemantics) {
  const seen = new Set<string>()
  const out: Array<{ id: string; name: string; issues: Issue[] }> = []
  const add = (document: WorkspaceDocument, kind: 'canned' | 'session') => {
    if (seen.has(document.id)) return
    seen.add(document.id)
    out.push({ id: document.id, name: document.name, issues: validatePolicy(document.text, { kind, semantics }) })
  }
  for (const document of [...userDocuments, ...groupDocuments]) add(document, 'canned')
  if (session) add(session, 'session')
  return out
}

/** `tester.catalogue`: every nameable action with its family and resource kind, and condition keys. */
export function catalogueView() {
  const actions = [
    ...catalogue.S3_ACTIONS.map((info) => ({ name: info.action, family: 's3' as const, resource: info.resource })),
    ...catalogue.ADMIN_ACTIONS.map((name) => ({ name, family: 'admin' as const, resource: 'none' })),
    ...catalogue.KMS_ACTIONS.map((name) => ({ name, family: 'kms' as const, resource: 'kms key' })),
    ...catalogue.STS_ACTIONS.filter((name) => name !== '*').map((name) => ({ name, family: 'sts' as const, resource: 'none' })),
  ]
  const keysByAction = Object.fromEntries(actions.map((action) => [action.name, [...catalogue.conditionKeysFor(action.name)]]))
  return { actions, conditionKeys: [...catalogue.ALL_KEYS], keysByAction, operations: [...S3_OPERATIONS], semantics: SEMANTICS_LINES.map(({ id, pkg, firstRelease, lastRelease, differences }) => ({ id, pkg, firstRelease, lastRelease, differences: [...differences] })) }
}
