/**
 * parsePolicy: text → document (canonical field names) + positions by JSON path + issues, with
 * Go's decoding rules (§1.2, §10.9). positionOf maps a path such as `Statement[2].Action[0]` to
 * line:column, falling back to the nearest enclosing value that has a position.
 */
import { decodePolicy, matchField, POLICY_FIELDS, STATEMENT_FIELDS } from './decode.ts'
import { withSemantics, type PolicySemantics } from './semantics.ts'
import { scanFirstValue, type JsonNode } from './json/go-json.ts'
import { toJsValue } from './json/go-value.ts'
import type { ParsedPolicy } from './model.ts'
import type { Issue, JsonValue, ParseResult, PolicyDocument, SourcePosition } from './types.ts'

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1)
  return starts
}

function locate(starts: number[], offset: number, endOffset: number): SourcePosition {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((starts[middle] as number) <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - (starts[low] as number) + 1, offset, endOffset }
}

type Recorder = (path: string, node: JsonNode) => void

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

// Positions are kept this deep; deeper values (Go allows 10000 levels) still decode, without squiggles.
const MAX_POSITION_DEPTH = 24

/** Walks the value, recording positions; `fields` canonicalises keys of this object (Go field matching). */
function walk(node: JsonNode, path: string, record: Recorder, fields?: readonly string[], itemFields?: readonly string[], depth = 0): JsonValue {
  record(path, node)
  if (depth >= MAX_POSITION_DEPTH) return toJsValue(node)
  if (node.kind === 'array') return node.items.map((item, index) => walk(item, `${path}[${index}]`, record, itemFields, undefined, depth + 1))
  if (node.kind !== 'object') return toJsValue(node)
  const out: { [key: string]: JsonValue } = {}
  for (const member of node.members) {
    const name = (fields === undefined ? undefined : matchField(member.key, fields)) ?? member.key
    const nested = name === 'Statement' && fields === POLICY_FIELDS ? STATEMENT_FIELDS : undefined
    const value = walk(member.value, childPath(path, name), record, undefined, nested, depth + 1)
    // A JSON key named __proto__ must become an own property, not the prototype.
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
    else out[name] = value
  }
  return out
}

/**
 * Parses a policy text like MinIO's decoder and keeps source positions. Issues carry Go/MinIO
 * messages, a JSON path and line:column. Never throws. `document` is absent on a JSON syntax error.
 */
export function parsePolicy(text: string, options: { semantics?: PolicySemantics } = {}): ParseResult {
  return withSemantics(options.semantics, () => parseWithPolicy(text).result)
}

/** parsePolicy plus the decoded policy (absent when decoding failed), for validation without a second decode. */
export function parseWithPolicy(text: string): { result: ParseResult; policy?: ParsedPolicy } {
  const positions = new Map<string, SourcePosition>()
  const starts = lineStarts(text)
  const scanned = scanFirstValue(text)
  if (!scanned.ok) {
    const position = locate(starts, scanned.offset, scanned.offset)
    return { result: { issues: [{ path: '', message: scanned.message, severity: 'error', line: position.line, column: position.column }], positions } }
  }
  const record: Recorder = (path, node) => positions.set(path, locate(starts, node.start, node.end))
  const value = walk(scanned.node, '', record, POLICY_FIELDS)
  const document = (value === null ? {} : value) as PolicyDocument
  const issues: Issue[] = []
  const result: ParseResult = { document, issues, positions }
  if (/\S/.test(text.slice(scanned.end))) {
    issues.push(issueAt(result, '', 'MinIO reads only the first JSON value; the text after it is ignored', 'warning'))
  }
  const decoded = decodePolicy(scanned.node, text)
  if ('failure' in decoded) {
    issues.unshift(issueAt(result, decoded.failure.path, decoded.failure.message, 'error'))
    return { result }
  }
  return { result, policy: decoded.policy }
}

/** The source position of a JSON path, or of its nearest ancestor that has one. */
export function positionOf(result: ParseResult, path: string): SourcePosition | undefined {
  let current = path
  for (;;) {
    const position = result.positions.get(current)
    if (position !== undefined || current === '') return position
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['))
    current = cut <= 0 ? '' : current.slice(0, cut)
  }
}

/** An issue for a path, with line:column when the path (or an ancestor) has a position. */
export function issueAt(result: ParseResult, path: string, message: string, severity: Issue['severity']): Issue {
  const position = positionOf(result, path)
  return position === undefined ? { path, message, severity } : { path, message, severity, line: position.line, column: position.column }
}
