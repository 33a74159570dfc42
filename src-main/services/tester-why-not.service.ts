import { createTwoFilesPatch } from 'diff'
import { whyNot, evaluateState, stateOf, type WhyNotQuestion, type WhyNotSuggestion } from '../policy/why-not/index.ts'
import { answerS3Operation, type S3Check } from '../policy/server-request/s3-operations.ts'
import { AppFailure } from '../api/result.ts'
import { conditionMapFor } from './tester-request.ts'
import { chooseSemantics } from './tester.service.ts'
import type { TesterPrincipal, TesterRequest, WorkspaceDocument } from './tester.types.ts'

/**
 * `tester.whyNot`: for the tester's denied question, the engine's verified suggestions (policy/why-not),
 * each changed document with a unified diff for the answer view. The question is the one the
 * tester answered: the same documents, principal, semantics and server condition map; for an S3
 * request, its first denied check.
 */

type Principal = Required<Pick<TesterPrincipal, 'userPolicies' | 'groups'>> & Omit<TesterPrincipal, 'userPolicies' | 'groups'>

interface WhyNotInput {
  documents: WorkspaceDocument[]
  principal: Principal
  request: TesterRequest
}

export interface WhyNotChangeView {
  documentId: string
  documentName: string
  before: string
  after: string
  isNew: boolean
  /** Unified diff of before → after (lib/ui/DiffView shows it). */
  patch: string
}

export interface WhyNotView {
  allowed: boolean
  /** The check the suggestions are for (the request's, or an S3 request's first denied check). */
  check?: { action: string; bucket: string; object: string }
  note?: string
  suggestions: Array<Omit<WhyNotSuggestion, 'changes'> & { changes: WhyNotChangeView[] }>
}

function questionFor(input: WhyNotInput, check: S3Check, now: Date): WhyNotQuestion {
  const { documents, principal, request } = input
  const known = new Set(documents.map((document) => document.id))
  for (const id of [...principal.userPolicies, ...principal.groups.flatMap((group) => group.policies), principal.accessKey?.sessionPolicy ?? '']) {
    if (id !== '' && !known.has(id)) throw new AppFailure('INVALID_INPUT', `The principal refers to document ${id}, which is not in the workspace.`)
  }
  const session = principal.accessKey ? (principal.accessKey.sessionPolicy ?? 'inherit') : undefined
  return {
    documents,
    principal: { userPolicies: principal.userPolicies, groups: principal.groups, ...(session ? { sessionPolicy: session } : {}), isRoot: principal.isRoot === true, isOwner: principal.isOwner === true },
    request: {
      action: check.action,
      bucket: check.bucket,
      object: check.object,
      ...(principal.userName ? { account: principal.userName } : {}),
      groups: principal.groups.map((group) => group.name),
      conditionValues: conditionMapFor(request, principal, check, now).values,
      ...(check.denyOnly ? { denyOnly: true } : {}),
    },
    semantics: chooseSemantics(request.semantics).semantics.rules,
  }
}

/** The suggestions for the workspace's question (none when it is allowed). */
export function whyNotWorkspace(input: WhyNotInput, clock: Date = new Date()): WhyNotView {
  const now = input.request.now === undefined ? clock : new Date(input.request.now)
  const { request } = input
  let denied: WhyNotQuestion | undefined
  const ask = (check: S3Check): boolean => {
    const question = questionFor(input, check, now)
    const isAllowed = evaluateState(stateOf(question), {}, { explain: false }).allowed
    if (!isAllowed) denied ??= question
    return isAllowed
  }
  const operation = request.operation ? answerS3Operation({ ...request.operation, bucket: request.bucket, key: request.object }, ask) : undefined
  if (!operation) ask({ action: request.action, bucket: request.bucket, object: request.object, headers: {}, form: {}, purpose: 'the action asked' })
  if (operation?.allowed === true || !denied) return { allowed: true, suggestions: [] }
  const result = whyNot(denied)
  const check = { action: denied.request.action, bucket: denied.request.bucket ?? '', object: denied.request.object ?? '' }
  return {
    allowed: false,
    check,
    ...(result.note ? { note: result.note } : {}),
    suggestions: result.suggestions.map((suggestion) => ({
      ...suggestion,
      changes: suggestion.changes.map((change) => ({ ...change, patch: createTwoFilesPatch(change.documentName, change.documentName, change.before, change.after, change.isNew ? 'new' : 'now', 'suggested') })),
    })),
  }
}
