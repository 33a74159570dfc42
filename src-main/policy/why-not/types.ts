/**
 * The "why not?" engine's types: a denied question (the documents, who they are attached to, the
 * request with the server's condition map) in; verified suggestions that would allow it out.
 */
import type { ConditionValues, PolicyDocument, PolicyRequest } from '../types.ts'
import type { PolicySemantics } from '../semantics.ts'

/** A policy document of the question, as text (stored policies may be odd JSON; the engine parses them). */
export interface WhyNotDocument {
  id: string
  name: string
  text: string
}

/** Who asks, by document id: as the server combines policies (user, then enabled groups; a session policy narrows). */
export interface WhyNotPrincipal {
  userPolicies: string[]
  groups: Array<{ name: string; enabled: boolean; policies: string[] }>
  /** undefined: not an access key; 'inherit': an access key without a session policy; else the session document's id. */
  sessionPolicy?: string
  isRoot?: boolean
  isOwner?: boolean
}

export interface WhyNotQuestion {
  documents: WhyNotDocument[]
  principal: WhyNotPrincipal
  /** The request exactly as evaluated: its conditionValues are the server's map for it. */
  request: PolicyRequest
  semantics?: PolicySemantics
}

/** One changed (or new) document of a suggestion, as pretty JSON before and after. */
export interface DocumentChange {
  documentId: string
  documentName: string
  before: string
  after: string
  isNew: boolean
}

export type SuggestionKind = 'addAction' | 'addResource' | 'widenResource' | 'conditionValue' | 'removeCondition' | 'requestValue' | 'narrowDeny' | 'removeDeny' | 'newStatement' | 'detachPolicy'

/** How much more a suggestion allows than the question itself, measured with the evaluator on probe requests. */
export interface Breadth {
  level: 'narrowest' | 'narrow' | 'broad'
  /** Probe requests (other actions and resources) newly allowed by the change. */
  newlyAllowed: number
  probes: number
  /** A few of the newly allowed probes, `action on bucket/object`. */
  examples: string[]
  summary: string
}

/** A verified suggestion: applying `changes` (and `requestChange`) makes the same evaluator allow the question. */
export interface WhyNotSuggestion {
  kinds: SuggestionKind[]
  title: string
  changes: DocumentChange[]
  /** The request values it needs instead (full key name → values), when it changes the request. */
  requestChange?: { key: string; values: string[] }
  /** Policies to detach (a Deny that is its policy's only statement cannot be removed: MinIO refuses an empty policy). */
  detach?: Array<{ documentId: string; documentName: string; from: string }>
  breadth: Breadth
}

export interface WhyNotResult {
  /** The question as asked: already allowed means nothing to suggest. */
  allowed: boolean
  suggestions: WhyNotSuggestion[]
  /** Why no suggestion can be made (root, disabled group, a document MinIO cannot decode). */
  note?: string
}

/** An edit before verification: new documents by id (a new id adds a user document) and/or a request value. */
export interface Candidate {
  kind: SuggestionKind
  title: string
  documents: Map<string, PolicyDocument>
  newDocuments: WhyNotDocument[]
  requestValue?: { key: string; values: string[] }
  /** Document ids detached from the principal (its user and groups). */
  detach?: string[]
  /** The Allow statement (documentId#index) a chain keeps fixing after this edit. */
  focus?: string
}

export type { ConditionValues }
