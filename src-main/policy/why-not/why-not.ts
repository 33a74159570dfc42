/**
 * "Why not?": for a denied question, the smallest changes that would allow it. Candidates come from
 * the explanation (allow-candidates.ts, deny-candidates.ts); each is applied to a copy of the
 * question and re-evaluated by the same evaluator with the same condition map, and chained with the
 * next fix of the same statement while it still denies. Only changes that then allow are returned,
 * with their measured breadth, narrowest first.
 */
import { validatePolicy } from '../validate-policy.ts'
import type { Explanation, PrincipalDecision, StatementTrace } from '../types.ts'
import { allowFixes, newStatementIn } from './allow-candidates.ts'
import { breadthOf, probeAnswers } from './breadth.ts'
import { denyFixes } from './deny-candidates.ts'
import { impossibleRequest } from './impossible.ts'
import { locate, parsedDocument, pretty } from './documents.ts'
import { applyCandidate, evaluateState, parentOrder, stateOf, type QuestionState } from './question.ts'
import type { Candidate, DocumentChange, SuggestionKind, WhyNotQuestion, WhyNotResult, WhyNotSuggestion } from './types.ts'

const MAX_DEPTH = 3
const EVALUATION_BUDGET = 400
const DEFAULT_LIMIT = 8
/** Allow statements looked at per question: the closest ones (fewest failing parts). */
const STATEMENT_LIMIT = 12
/** Suggestions whose breadth is measured (each costs one probe run). */
const MEASURED_LIMIT = 24

interface Search {
  found: Array<{ chain: Candidate[]; state: QuestionState }>
  evaluations: number
}

/** The denying part of a decision: its explanation and the document ids its policy indexes name. */
function failingPart(state: QuestionState, decision: PrincipalDecision): { explanation: Explanation; order: string[]; documentId: string | undefined } | undefined {
  const session = state.principal.sessionPolicy
  if (decision.reason === 'sessionPolicyDenied' && session !== undefined && session !== 'inherit') {
    return decision.session?.explanation ? { explanation: decision.session.explanation, order: [session], documentId: session } : undefined
  }
  if (!decision.parent?.explanation) return undefined
  const order = parentOrder(state)
  return { explanation: decision.parent.explanation, order, documentId: order.find((id) => state.principal.userPolicies.includes(id)) ?? order[0] }
}

function newDocumentCandidate(state: QuestionState): Candidate {
  const name = `allow-${state.request.action.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`
  const candidate = newStatementIn('gatehouse-new-policy', name, { Version: '2012-10-17', Statement: [] }, state.request)
  const document = candidate.documents.get('gatehouse-new-policy')!
  const granted = [document.Statement?.[0]?.Action ?? state.request.action].flat().join(', ')
  return { ...candidate, title: `Attach a new policy "${name}" to the user: Allow ${granted}`, documents: new Map(), newDocuments: [{ id: 'gatehouse-new-policy', name, text: JSON.stringify(document) }] }
}

/** Where a parent document is attached: "the user", "group <name>". */
function holdersOf(state: QuestionState, documentId: string): string[] {
  const { principal } = state
  return [...(principal.userPolicies.includes(documentId) ? ['the user'] : []), ...principal.groups.filter((group) => group.policies.includes(documentId)).map((group) => `group ${group.name}`)]
}

/** A blocking Deny that is its document's only statement cannot be removed (MinIO refuses an empty policy): detach the document. */
function detachFor(state: QuestionState, documentId: string, statements: number): Candidate[] {
  if (statements !== 1 || documentId === state.principal.sessionPolicy) return []
  const holders = holdersOf(state, documentId)
  if (holders.length === 0) return []
  const name = state.names.get(documentId) ?? documentId
  return [{ kind: 'detachPolicy', title: `Detach "${name}" (its only statement is this Deny) from ${holders.join(' and ')}`, documents: new Map(), newDocuments: [], detach: [documentId] }]
}

/** The next candidates for a denied state; `focus` (documentId#index) keeps a chain on one Allow statement. */
function candidatesFor(state: QuestionState, decision: PrincipalDecision, focus: string | undefined): Candidate[] {
  if (decision.reason === 'noPolicies') return focus === undefined ? [newDocumentCandidate(state)] : []
  const part = failingPart(state, decision)
  if (!part) return []
  const out: Candidate[] = []
  const isDenied = part.explanation.effect === 'explicitDeny'
  const keyOf = (trace: StatementTrace) => `${part.order[trace.policyIndex]}#${trace.statementIndex}`
  const traces = (isDenied ? part.explanation.decisive : part.explanation.statements).filter((trace) => trace.effect === (isDenied ? 'Deny' : 'Allow') && (focus === undefined || keyOf(trace) === focus))
  const seen = new Set<string>()
  for (const trace of isDenied ? traces : closest(traces)) {
    const key = keyOf(trace)
    if (seen.has(key)) continue
    seen.add(key)
    const located = locate(state, part.order, trace)
    if (!located) continue
    if (isDenied) out.push(...detachFor(state, located.documentId, located.document.Statement?.length ?? 0))
    for (const candidate of isDenied ? denyFixes(located, state.request) : allowFixes(located, state.request)) out.push(isDenied ? candidate : { ...candidate, focus: key })
  }
  if (!isDenied && focus === undefined && part.documentId !== undefined) {
    const document = parsedDocument(state.texts.get(part.documentId))
    if (document) out.push(newStatementIn(part.documentId, state.names.get(part.documentId) ?? part.documentId, document, state.request))
  }
  return out
}

/** How far an Allow statement is from applying: a failing action counts double (its resource is not known yet). */
function distance(trace: StatementTrace): number {
  if (!trace.actionMatched) return 3
  return (trace.resourceMatched ? 0 : 1) + trace.conditions.filter((condition) => !condition.matched).length
}

/** The closest Allow statements, in evaluation order among equals. */
function closest(traces: StatementTrace[]): StatementTrace[] {
  return traces.map((trace, index) => ({ trace, index })).sort((a, b) => distance(a.trace) - distance(b.trace) || a.index - b.index).slice(0, STATEMENT_LIMIT).map((item) => item.trace)
}

const errorCounts = new Map<string, number>()

/** A change must not make a document MinIO would store into one it refuses. */
function keepsValid(before: QuestionState, after: QuestionState, candidate: Candidate): boolean {
  const kind = (id: string) => (id === before.principal.sessionPolicy ? 'session' : 'canned')
  const errors = (text: string | undefined, id: string) => {
    if (text === undefined) return 0
    const key = `${kind(id)}:${text}`
    let count = errorCounts.get(key)
    if (count === undefined) {
      count = validatePolicy(text, { kind: kind(id), ...(before.semantics ? { semantics: before.semantics } : {}) }).filter((issue) => issue.severity === 'error').length
      if (errorCounts.size >= 256) errorCounts.clear()
      errorCounts.set(key, count)
    }
    return count
  }
  const ids = [...candidate.documents.keys(), ...candidate.newDocuments.map((document) => document.id)]
  return ids.every((id) => errors(after.texts.get(id), id) === 0 || errors(after.texts.get(id), id) <= errors(before.texts.get(id), id))
}

function search(state: QuestionState, decision: PrincipalDecision, chain: Candidate[], depth: number, focus: string | undefined, found: Search): void {
  for (const candidate of candidatesFor(state, decision, focus)) {
    if (found.evaluations >= EVALUATION_BUDGET) return
    if (candidate.requestValue && chain.some((item) => item.requestValue)) continue
    const next = applyCandidate(state, candidate)
    if (!keepsValid(state, next, candidate)) continue
    found.evaluations++
    const answer = evaluateState(next)
    if (answer.allowed) found.found.push({ chain: [...chain, candidate], state: next })
    else if (depth > 1 && candidate.kind !== 'newStatement') search(next, answer, [...chain, candidate], depth - 1, candidate.focus, found)
  }
}

function changesOf(original: QuestionState, final: QuestionState, chain: Candidate[]): DocumentChange[] {
  const ids = [...new Set(chain.flatMap((candidate) => [...candidate.documents.keys(), ...candidate.newDocuments.map((document) => document.id)]))]
  return ids.map((id) => {
    const before = original.texts.get(id)
    const parsedBefore = parsedDocument(before)
    const parsedAfter = parsedDocument(final.texts.get(id))
    return {
      documentId: id,
      documentName: final.names.get(id) ?? id,
      before: before === undefined ? '' : parsedBefore ? pretty(parsedBefore) : before,
      after: parsedAfter ? pretty(parsedAfter) : (final.texts.get(id) ?? ''),
      isNew: before === undefined,
    }
  })
}

const KIND_ORDER: SuggestionKind[] = ['addAction', 'addResource', 'conditionValue', 'narrowDeny', 'widenResource', 'removeCondition', 'newStatement', 'removeDeny', 'detachPolicy', 'requestValue']
const rank = (suggestion: WhyNotSuggestion) => Math.min(...suggestion.kinds.map((kind) => KIND_ORDER.indexOf(kind)))
const kindRank = (chain: Candidate[]) => Math.min(...chain.map((candidate) => KIND_ORDER.indexOf(candidate.kind)))

/**
 * The verified suggestions for a question (empty when it is allowed), narrowest first: changes to
 * policies ordered by how many probe requests they newly allow, then changes to the request. Pure.
 */
export function whyNot(question: WhyNotQuestion, options: { limit?: number } = {}): WhyNotResult {
  const state = stateOf(question)
  const decision = evaluateState(state)
  if (decision.allowed) return { allowed: true, suggestions: [] }
  if (decision.reason === 'disabledGroup') return { allowed: false, suggestions: [], note: `${decision.summary} Enable the group or remove the user from it; no policy change can allow this.` }
  if (decision.reason === 'invalidPolicy') return { allowed: false, suggestions: [], note: `${decision.summary} Fix that document first.` }
  const impossible = impossibleRequest(state.request)
  if (impossible) return { allowed: false, suggestions: [], note: impossible }
  const found: Search = { found: [], evaluations: 0 }
  search(state, decision, [], MAX_DEPTH, undefined, found)
  const before = probeAnswers(state)
  const unique = new Map<string, WhyNotSuggestion>()
  // Shorter chains of the narrower kinds first: only the first MEASURED_LIMIT get their breadth measured.
  const shortlist = [...found.found].sort((a, b) => a.chain.length - b.chain.length || kindRank(a.chain) - kindRank(b.chain))
  let measured = 0
  for (const { chain, state: final } of shortlist) {
    const changes = changesOf(state, final, chain)
    const detached = [...new Set(chain.flatMap((candidate) => candidate.detach ?? []))]
    const isPolicyChange = changes.length > 0 || detached.length > 0
    if (isPolicyChange && measured >= MEASURED_LIMIT) continue
    const request = chain.find((candidate) => candidate.requestValue)?.requestValue
    const key = JSON.stringify([changes.map((change) => [change.documentId, change.after]), request, detached])
    if (unique.has(key)) continue
    if (isPolicyChange) measured++
    unique.set(key, {
      kinds: [...new Set(chain.map((candidate) => candidate.kind))],
      title: chain.map((candidate) => candidate.title).join('; then '),
      changes,
      ...(request ? { requestChange: request } : {}),
      ...(detached.length > 0 ? { detach: detached.map((documentId) => ({ documentId, documentName: state.names.get(documentId) ?? documentId, from: holdersOf(state, documentId).join(' and ') })) } : {}),
      breadth: breadthOf(before, final, isPolicyChange),
    })
  }
  const isRequest = (suggestion: WhyNotSuggestion) => (suggestion.requestChange ? 1 : 0)
  const suggestions = [...unique.values()].sort((a, b) => isRequest(a) - isRequest(b) || a.breadth.newlyAllowed - b.breadth.newlyAllowed || a.kinds.length - b.kinds.length || rank(a) - rank(b))
  return { allowed: false, suggestions: suggestions.slice(0, options.limit ?? DEFAULT_LIMIT) }
}
