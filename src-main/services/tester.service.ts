import type { TesterAnswer, TesterDecisionPart, TesterPrincipal, TesterRequest, TesterWorkspaceDocument } from '../api/tester.contract.ts'
import { catalogue, evaluatePrincipal, toConditionValues, validatePolicy } from '../policy/index.ts'
import type { Decision, Issue, PrincipalInput, StatementTrace } from '../policy/index.ts'
import { lintPolicy } from '../policy/lint/index.ts'
import { AppFailure } from '../shared/result.ts'

/**
 * The policy tester's offline side: the workspace (documents + principal + request) in, the
 * engine's answer out, every statement trace labelled with the workspace document it came from.
 * Pure apart from the clock (MinIO fills aws:CurrentTime with "now").
 */

type Principal = Required<Pick<TesterPrincipal, 'userPolicies' | 'groups'>> & Omit<TesterPrincipal, 'userPolicies' | 'groups'>

interface EvaluateInput {
  documents: TesterWorkspaceDocument[]
  principal: Principal
  request: Required<TesterRequest>
}

/** Evaluates the request for the principal; INVALID_INPUT when the principal names an unknown document. */
export function evaluateWorkspace(input: EvaluateInput, now: Date = new Date()): TesterAnswer {
  const byId = new Map(input.documents.map((document) => [document.id, document]))
  const lookup = (id: string): TesterWorkspaceDocument => {
    const document = byId.get(id)
    if (!document) throw new AppFailure('INVALID_INPUT', `The principal refers to document ${id}, which is not in the workspace.`)
    return document
  }
  const { principal, request } = input
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
  const { values, serverFilled } = conditionValuesFor(request.conditions, principal, now)
  const decision = evaluatePrincipal(engineInput, {
    action: request.action,
    bucket: request.bucket,
    object: request.object,
    ...(principal.userName ? { account: principal.userName } : {}),
    groups: groups.map((group) => group.name),
    conditionValues: values,
  }, { explain: true })
  // MinIO merges the user's policies, then each enabled group's, into one policy (§5.4).
  const parentOrder = [...userDocuments, ...groups.filter((group) => group.enabled).flatMap((group) => group.documents)]
  return {
    effect: decision.effect,
    allowed: decision.allowed,
    reason: decision.reason,
    summary: withDocumentNames(decision.summary, parentOrder),
    ...(decision.parent ? { parent: decisionPart(decision.parent, parentOrder) } : {}),
    ...(decision.session && session ? { session: decisionPart(decision.session, [session]) } : {}),
    ...(decision.error === undefined ? {} : { error: decision.error }),
    conditionValues: values,
    serverFilled,
    documents: documentIssues(userDocuments, groups.flatMap((group) => group.documents), session),
  }
}

/** Adds what the MinIO server always puts in the map (§4.7) unless the request already sets it. */
export function conditionValuesFor(
  friendly: Record<string, string[]>,
  principal: Pick<TesterPrincipal, 'userName' | 'isRoot'>,
  now: Date,
): { values: Record<string, string[]>; serverFilled: string[] } {
  const filled: Record<string, string[]> = {}
  const fill = (key: string, value: string) => {
    if (!Object.hasOwn(friendly, key)) filled[key] = [value]
  }
  fill('aws:CurrentTime', now.toISOString().replace(/\.\d+Z$/, 'Z'))
  fill('aws:EpochTime', String(Math.floor(now.getTime() / 1000)))
  fill('aws:principaltype', principal.isRoot === true ? 'Account' : 'User')
  if (principal.userName) {
    fill('aws:userid', principal.userName)
    fill('aws:username', principal.userName)
  }
  return { values: toConditionValues({ ...friendly, ...filled }), serverFilled: Object.keys(filled) }
}

function decisionPart(decision: Decision, order: readonly TesterWorkspaceDocument[]): TesterDecisionPart {
  const explanation = decision.explanation
  const decisive = new Set((explanation?.decisive ?? []).map(traceKey))
  const statements = (explanation?.statements ?? []).map((trace) => {
    const document = order[trace.policyIndex]
    return { ...trace, documentId: document?.id ?? null, documentName: document?.name ?? `policy ${trace.policyIndex + 1}`, isDecisive: decisive.has(traceKey(trace)) }
  })
  return { effect: decision.effect, allowed: decision.allowed, summary: withDocumentNames(explanation?.summary ?? '', order), statements }
}

/** The engine counts policies ("policy 2, statement 1"); the workspace has names for them. */
function withDocumentNames(summary: string, order: readonly TesterWorkspaceDocument[]): string {
  return summary.replace(/\bpolicy (\d+)(?=, statement)/g, (text, number: string) => {
    const document = order[Number(number) - 1]
    return document ? `"${document.name}"` : text
  })
}

function traceKey(trace: StatementTrace): string {
  return `${trace.effect}:${trace.policyIndex}:${trace.statementIndex}`
}

function documentIssues(userDocuments: TesterWorkspaceDocument[], groupDocuments: TesterWorkspaceDocument[], session: TesterWorkspaceDocument | null) {
  const seen = new Set<string>()
  const out: Array<{ id: string; name: string; issues: Issue[] }> = []
  const add = (document: TesterWorkspaceDocument, kind: 'canned' | 'session') => {
    if (seen.has(document.id)) return
    seen.add(document.id)
    out.push({ id: document.id, name: document.name, issues: validatePolicy(document.text, { kind }) })
  }
  for (const document of [...userDocuments, ...groupDocuments]) add(document, 'canned')
  if (session) add(session, 'session')
  return out
}

/** `tester.validate`: MinIO's validation (with JSON paths and line:column) plus lint advice. */
export function validateDocument(text: string, kind: 'canned' | 'session') {
  return { issues: validatePolicy(text, { kind }), lint: lintPolicy(text) }
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
  return { actions, conditionKeys: [...catalogue.ALL_KEYS], keysByAction }
}
