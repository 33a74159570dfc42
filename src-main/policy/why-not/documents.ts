/**
 * Reading and editing policy documents as JSON for the suggestions: a statement by the index the
 * trace names, its Action/Resource/Condition as lists, and copies with one statement changed.
 * Edits never touch the original objects.
 */
import { parsePolicy } from '../parse.ts'
import type { JsonValue, PolicyDocument, PolicyRequest, PolicyStatementDocument, StatementTrace } from '../types.ts'
import type { QuestionState } from './question.ts'

/** The document as MinIO's decoder reads it (canonical field names); undefined when it is not a document with statements. */
export function parsedDocument(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined) return undefined
  const document = parsePolicy(text).document
  return document && Array.isArray(document.Statement) ? (structuredClone(document) as PolicyDocument) : undefined
}

/** A field MinIO reads as a string set: one string or a list of strings. */
export function listOf(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

export function pretty(document: PolicyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`
}

/** A copy of `document` with statement `index` replaced (or removed when `edit` answers undefined). */
export function editStatement(document: PolicyDocument, index: number, edit: (statement: PolicyStatementDocument) => PolicyStatementDocument | undefined): PolicyDocument {
  const statements = [...(document.Statement ?? [])]
  const current = statements[index]
  if (current === undefined) return document
  const next = edit(structuredClone(current))
  if (next === undefined) statements.splice(index, 1)
  else statements[index] = next
  return { ...document, Statement: statements }
}

/** The ARN of the request's resource: `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`. */
export function requestArn(request: PolicyRequest): string {
  const object = request.object ?? ''
  return `arn:aws:s3:::${request.bucket ?? ''}${object === '' ? '' : object.startsWith('/') ? object : `/${object}`}`
}

/** A statement of the question as the trace names it: its document, the JSON and a label for titles. */
export interface LocatedStatement {
  documentId: string
  document: PolicyDocument
  statement: PolicyStatementDocument
  index: number
  trace: StatementTrace
  label: string
}

/** Finds the statement a trace came from; `order` maps the trace's policyIndex to a document id. */
export function locate(state: QuestionState, order: readonly string[], trace: StatementTrace): LocatedStatement | undefined {
  const documentId = order[trace.policyIndex]
  if (documentId === undefined) return undefined
  const document = parsedDocument(state.texts.get(documentId))
  const statement = document?.Statement?.[trace.statementIndex]
  if (!document || !statement) return undefined
  const sid = typeof statement.Sid === 'string' && statement.Sid !== '' ? ` (${statement.Sid})` : ''
  return { documentId, document, statement, index: trace.statementIndex, trace, label: `statement ${trace.statementIndex + 1}${sid} of "${state.names.get(documentId) ?? documentId}"` }
}

/** The condition block of a statement: operator → key → values, as written. */
export type ConditionBlock = Record<string, Record<string, JsonValue>>

export function conditionsOf(statement: PolicyStatementDocument): ConditionBlock {
  const block = statement.Condition
  return block && typeof block === 'object' && !Array.isArray(block) ? (structuredClone(block) as ConditionBlock) : {}
}

/** The key of `entries` that names `key` (MinIO compares condition keys as written; we also accept another case). */
export function keyIn(entries: Record<string, JsonValue> | undefined, key: string): string | undefined {
  if (!entries) return undefined
  return Object.hasOwn(entries, key) ? key : Object.keys(entries).find((name) => name.toLowerCase() === key.toLowerCase())
}

/** A copy of the statement with the condition `operator`/`key` set to `values`, or removed when values is undefined. */
export function withCondition(statement: PolicyStatementDocument, operator: string, key: string, values: string[] | undefined): PolicyStatementDocument | undefined {
  const block = conditionsOf(statement)
  const entries = block[operator]
  const name = keyIn(entries, key)
  if (!entries || name === undefined) return undefined
  if (values === undefined) delete entries[name]
  else entries[name] = values
  if (Object.keys(entries).length === 0) delete block[operator]
  const { Condition: _, ...rest } = statement
  return Object.keys(block).length === 0 ? rest : { ...rest, Condition: block }
}
