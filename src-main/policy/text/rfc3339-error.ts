/**
 * The error text of Go's time.Parse(time.RFC3339, s) for a value it rejects: Go's general layout
 * parser walks "2006-01-02T15:04:05Z07:00" element by element; MinIO wraps the text in its
 * "must be a time.Time string" message, so we reproduce the element that failed (§4.4).
 */

const LAYOUT = '2006-01-02T15:04:05Z07:00'

/** time.quote: `"`-quoted, non-ASCII and control bytes as \xNN, `"` and `\` backslash-escaped. */
export function goTimeQuote(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(char)) out += `\\x${byte.toString(16).padStart(2, '0')}`
    } else out += char === '"' || char === '\\' ? `\\${char}` : char
  }
  return out + '"'
}

type Step = { literal: string } | { std: string; parse: (value: string) => { rest: string; range?: string } | undefined }

function digits(value: string, count: 1 | 2, fixed: boolean): { number: number; rest: string } | undefined {
  if (!/^[0-9]/.test(value)) return undefined
  if (!/^[0-9]{2}/.test(value)) return fixed ? undefined : { number: Number(value[0]), rest: value.slice(1) }
  return count === 1 ? undefined : { number: Number(value.slice(0, 2)), rest: value.slice(2) }
}

function number(fixed: boolean, max: number, name: string): (value: string) => { rest: string; range?: string } | undefined {
  return (value) => {
    const parsed = digits(value, 2, fixed)
    if (parsed === undefined) return undefined
    return parsed.number > max || (name === 'month' && parsed.number === 0) ? { rest: parsed.rest, range: name } : { rest: parsed.rest }
  }
}

function seconds(value: string): { rest: string; range?: string } | undefined {
  const parsed = digits(value, 2, true)
  if (parsed === undefined) return undefined
  if (parsed.number >= 60) return { rest: parsed.rest, range: 'second' }
  const fraction = /^[.,][0-9]+/.exec(parsed.rest)
  return { rest: fraction === null ? parsed.rest : parsed.rest.slice(fraction[0].length) }
}

function zone(value: string): { rest: string; range?: string } | undefined {
  if (value.startsWith('Z')) return { rest: value.slice(1) }
  if (value.length < 6 || value[3] !== ':') return undefined
  const hours = digits(value.slice(1, 3), 2, true)
  const minutes = digits(value.slice(4, 6), 2, true)
  if (hours === undefined || minutes === undefined) return undefined
  const range = hours.number > 24 ? 'time zone offset hour' : minutes.number > 60 ? 'time zone offset minute' : undefined
  if (range !== undefined) return { rest: value.slice(6), range }
  return value[0] === '+' || value[0] === '-' ? { rest: value.slice(6) } : undefined
}

const STEPS: Step[] = [
  { std: '2006', parse: (value) => (/^[0-9]{4}/.test(value) ? { rest: value.slice(4) } : undefined) },
  { literal: '-' },
  { std: '01', parse: number(true, 12, 'month') },
  { literal: '-' },
  { std: '02', parse: (value) => digits(value, 2, true) },
  { literal: 'T' },
  { std: '15', parse: number(false, 23, 'hour') },
  { literal: ':' },
  { std: '04', parse: number(true, 59, 'minute') },
  { literal: ':' },
  { std: '05', parse: seconds },
  { std: 'Z07:00', parse: zone },
]

/** The message Go's time.Parse(time.RFC3339, value) returns (assumes the value is rejected). */
export function rfc3339Error(value: string): string {
  const head = `parsing time ${goTimeQuote(value)}`
  let rest = value
  for (const step of STEPS) {
    if ('literal' in step) {
      if (!rest.startsWith(step.literal)) return `${head} as "${LAYOUT}": cannot parse ${goTimeQuote(rest)} as "${step.literal}"`
      rest = rest.slice(step.literal.length)
      continue
    }
    const result = step.parse(rest)
    if (result === undefined) return `${head} as "${LAYOUT}": cannot parse ${goTimeQuote(rest)} as "${step.std}"`
    if (result.range !== undefined) return `${head}: ${result.range} out of range`
    rest = result.rest
  }
  if (rest !== '') return `${head}: extra text: ${goTimeQuote(rest)}`
  return `${head}: day out of range`
}
