/**
 * A tolerant JSON scanner for the policy editor: where the cursor is (the JSON path, whether a key
 * or a value is being typed, and what has been typed so far) and every string with its path, also
 * in text that is not valid JSON yet (half-typed documents are the normal case while editing).
 */

export type Segment = string | number

export interface CursorContext {
  /** What goes at the cursor: an object key, or a value. */
  role: 'key' | 'value'
  /** For a value, its path; for a key, the path of the object it belongs to. */
  path: Segment[]
  /** Inside a string (after its opening quote) or at a bare word. */
  inString: boolean
  /** What has been typed of this token before the cursor (without the quote). */
  typed: string
  /** Where the typed text starts. */
  from: number
}

export interface WrittenString {
  path: Segment[]
  value: string
}

interface Frame {
  kind: 'object' | 'array'
  path: Segment[]
  key: string | undefined
  index: number
  expects: 'key' | 'colon' | 'value' | 'comma'
}

function valuePath(top: Frame | undefined): Segment[] {
  if (!top) return []
  return top.kind === 'array' ? [...top.path, top.index] : [...top.path, top.key ?? '']
}

function roleAt(top: Frame | undefined): 'key' | 'value' {
  return top?.kind === 'object' && top.expects === 'key' ? 'key' : 'value'
}

/** Reads a string starting at the quote `start`; returns the decoded value and the index after it (or the end of the line when unterminated). */
function readString(text: string, start: number): { value: string; end: number; closed: boolean } {
  let value = ''
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!
    if (char === '"') return { value, end: index + 1, closed: true }
    if (char === '\n') return { value, end: index, closed: false }
    if (char === '\\' && index + 1 < text.length) {
      index++
      value += text[index] === 'n' ? '\n' : text[index] === 't' ? '\t' : text[index]!
      continue
    }
    value += char
  }
  return { value, end: text.length, closed: false }
}

/**
 * Scans `text` and answers every string with its path, and the context at `cursor` (when given).
 * Never throws: a stray character is skipped, an unterminated string ends at its line's end.
 */
export function scanJson(text: string, cursor = -1): { strings: WrittenString[]; context: CursorContext | undefined } {
  const stack: Frame[] = []
  const strings: WrittenString[] = []
  let context: CursorContext | undefined
  const top = () => stack.at(-1)
  const afterValue = () => {
    const frame = top()
    if (frame) frame.expects = 'comma'
  }
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    if (context === undefined && cursor >= 0 && index >= cursor) context = { role: roleAt(top()), path: roleAt(top()) === 'key' ? [...(top()?.path ?? [])] : valuePath(top()), inString: false, typed: '', from: cursor }
    if (/\s/.test(char)) { index++; continue }
    if (char === '{' || char === '[') {
      stack.push({ kind: char === '{' ? 'object' : 'array', path: valuePath(top()), key: undefined, index: 0, expects: char === '{' ? 'key' : 'value' })
      index++
      continue
    }
    if (char === '}' || char === ']') { stack.pop(); afterValue(); index++; continue }
    if (char === ',') {
      const frame = top()
      if (frame?.kind === 'object') frame.expects = 'key'
      else if (frame) { frame.index++; frame.expects = 'value' }
      index++
      continue
    }
    if (char === ':') { const frame = top(); if (frame) frame.expects = 'value'; index++; continue }
    if (char === '"') {
      const read = readString(text, index)
      const frame = top()
      const role = roleAt(frame)
      const path = role === 'key' ? [...(frame?.path ?? [])] : valuePath(frame)
      // The cursor is inside this string: after its opening quote, up to its closing one.
      if (context === undefined && cursor > index && (cursor < read.end || (!read.closed && cursor <= read.end))) {
        context = { role, path, inString: true, typed: readString(text.slice(0, cursor), index).value, from: index + 1 }
      }
      if (role === 'key' && frame) { frame.key = read.value; frame.expects = 'colon' }
      else { strings.push({ path, value: read.value }); afterValue() }
      index = read.end
      continue
    }
    // A bare word (number, true/false/null, or a value being typed without quotes).
    const word = /^[^\s,:{}[\]"]+/.exec(text.slice(index))?.[0] ?? char
    if (context === undefined && cursor > index && cursor <= index + word.length) {
      context = { role: roleAt(top()), path: roleAt(top()) === 'key' ? [...(top()?.path ?? [])] : valuePath(top()), inString: false, typed: text.slice(index, cursor), from: index }
    }
    afterValue()
    index += word.length
  }
  if (context === undefined && cursor >= 0) context = { role: roleAt(top()), path: roleAt(top()) === 'key' ? [...(top()?.path ?? [])] : valuePath(top()), inString: false, typed: '', from: cursor }
  return { strings, context }
}
