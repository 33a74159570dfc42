/**
 * Applies a lint fix to the policy text as a text edit, so the rest of the document keeps its
 * formatting: a value that exists is replaced where it is written, an array element is removed with
 * its comma, and a new array element or object member is inserted before the closing bracket.
 * Pure: no node:*, no DOM.
 */
import { parsePolicy } from '../parse.ts'
import type { JsonValue, SourcePosition } from '../types.ts'
import type { LintFix } from './types.ts'

/** A replacement of `text.slice(from, to)` by `insert`. */
export interface TextEdit {
  from: number
  to: number
  insert: string
}

type Step = { key: string } | { index: number }

/** Splits `Statement[2].Condition.StringLike` into its steps; the last one is what the fix changes. */
function stepsOf(path: string): Step[] {
  const steps: Step[] = []
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(match[2] === undefined ? { key: match[1]! } : { index: Number(match[2]) })
  return steps
}

function pathOf(steps: Step[]): string {
  return steps.map((step, position) => ('index' in step ? `[${step.index}]` : position === 0 ? step.key : `.${step.key}`)).join('')
}

function valueAt(root: JsonValue, steps: Step[]): JsonValue | undefined {
  let current: JsonValue | undefined = root
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined
    current = 'index' in step ? (Array.isArray(current) ? current[step.index] : undefined) : Array.isArray(current) ? undefined : (current as Record<string, JsonValue>)[step.key]
  }
  return current
}

function removal(positions: Map<string, SourcePosition>, parent: Step[], index: number, length: number): TextEdit | undefined {
  const at = (i: number) => positions.get(pathOf([...parent, { index: i }]))
  const element = at(index)
  if (!element) return undefined
  if (index > 0) {
    const previous = at(index - 1)
    return previous ? { from: previous.endOffset, to: element.endOffset, insert: '' } : undefined
  }
  const next = index + 1 < length ? at(index + 1) : undefined
  return { from: element.offset, to: next ? next.offset : element.endOffset, insert: '' }
}

/** The edit a fix makes, or undefined when the text does not parse or the path cannot be reached. */
export function fixEdit(text: string, fix: LintFix): TextEdit | undefined {
  const parsed = parsePolicy(text)
  if (!parsed.document) return undefined
  const steps = stepsOf(fix.path)
  const last = steps.at(-1)
  if (!last) return undefined
  const parentSteps = steps.slice(0, -1)
  const parent = valueAt(parsed.document as JsonValue, parentSteps)
  const parentPosition = parsed.positions.get(pathOf(parentSteps))
  const existing = parsed.positions.get(fix.path)
  const written = fix.value === undefined ? '' : JSON.stringify(fix.value)
  if (fix.value === undefined) {
    return 'index' in last && Array.isArray(parent) ? removal(parsed.positions, parentSteps, last.index, parent.length) : undefined
  }
  if (existing) return { from: existing.offset, to: existing.endOffset, insert: written }
  if (!parentPosition) return undefined
  const close = parentPosition.endOffset - 1
  if ('index' in last) {
    if (!Array.isArray(parent) || last.index !== parent.length) return undefined
    const previous = parent.length > 0 ? parsed.positions.get(pathOf([...parentSteps, { index: parent.length - 1 }])) : undefined
    return previous ? { from: previous.endOffset, to: previous.endOffset, insert: `, ${written}` } : { from: close, to: close, insert: written }
  }
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined
  const keys = Object.keys(parent)
  const lastMember = keys.length > 0 ? parsed.positions.get(pathOf([...parentSteps, { key: keys.at(-1)! }])) : undefined
  const member = `${JSON.stringify(last.key)}: ${written}`
  return lastMember ? { from: lastMember.endOffset, to: lastMember.endOffset, insert: `, ${member}` } : { from: close, to: close, insert: member }
}

/** The text with the fix applied, or undefined when it cannot be applied (see fixEdit). */
export function applyFix(text: string, fix: LintFix): string | undefined {
  const edit = fixEdit(text, fix)
  return edit ? text.slice(0, edit.from) + edit.insert + text.slice(edit.to) : undefined
}
