/**
 * Date operators (§4.4): one RFC 3339 string value; missing key → false; the FIRST request value
 * is parsed with Go's RFC 3339 rules, failure → false (also for DateNotEquals); instants compared.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { compareInstants, formatRfc3339Seconds, parseRfc3339, type Instant } from '../text/rfc3339.ts'
import { rfc3339Error } from '../text/rfc3339-error.ts'
import { lookupValues, valueText, type ConditionBuilder, type ConditionFunction, type ConditionKey } from './types.ts'

const COMPARISONS: Record<string, (order: number) => boolean> = {
  DateEquals: (order) => order === 0,
  DateNotEquals: (order) => order !== 0,
  DateLessThan: (order) => order < 0,
  DateLessThanEquals: (order) => order <= 0,
  DateGreaterThan: (order) => order > 0,
  DateGreaterThanEquals: (order) => order >= 0,
}

function makeFunction(name: string, key: ConditionKey, text: string, instant: Instant): ConditionFunction {
  const accepts = COMPARISONS[name] as (order: number) => boolean
  return {
    operator: name,
    key,
    signature: `${name}:${key.full}:${formatRfc3339Seconds(text)}`,
    stored: { operator: name, values: [`"${formatRfc3339Seconds(text)}"`] },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const requestValues = lookupValues(values, key)
      let result = false
      let reason = 'the key is missing from the request'
      if (requestValues.length > 0) {
        const requestInstant = parseRfc3339(requestValues[0] as string)
        result = requestInstant !== undefined && accepts(compareInstants(requestInstant, instant))
        reason = requestInstant === undefined ? `the first request value '${requestValues[0]}' is not an RFC 3339 time` : `request time compared with ${text}`
      }
      trace?.push({ operator: name, key: key.full, requestValues, policyValues: [text], matched: result, reason })
      return result
    },
  }
}

function builder(name: string): ConditionBuilder {
  return (key, values) => {
    if (values.length !== 1) return { error: `only one value is allowed for ${name} condition` }
    const value = values[0] as (typeof values)[number]
    if (value.kind !== 'string') return { error: `value ${valueText(value)} must be a time.Time for ${name} condition` }
    const instant = parseRfc3339(value.text)
    if (instant === undefined) {
      return { error: `value ${value.text} must be a time.Time string for ${name} condition: ${rfc3339Error(value.text)}` }
    }
    return makeFunction(name, key, value.text, instant)
  }
}

export const dateBuilders: Record<string, ConditionBuilder> = Object.fromEntries(Object.keys(COMPARISONS).map((name) => [name, builder(name)]))
