/**
 * Numeric operators (§4.4): one value, a JSON integer or a Go integer string. Missing key → false
 * (NumericGreaterThanIfExists → true); only the FIRST request value is parsed, failure → false.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { goIntError, parseGoInt } from '../text/go-text.ts'
import { lookupValues, valueText, type ConditionBuilder, type ConditionFunction, type ConditionKey } from './types.ts'

type Comparison = (request: bigint, policy: bigint) => boolean

const COMPARISONS: Record<string, { compare: Comparison; ifExists: boolean }> = {
  NumericEquals: { compare: (a, b) => a === b, ifExists: false },
  NumericNotEquals: { compare: (a, b) => a !== b, ifExists: false },
  NumericLessThan: { compare: (a, b) => a < b, ifExists: false },
  NumericLessThanEquals: { compare: (a, b) => a <= b, ifExists: false },
  NumericGreaterThan: { compare: (a, b) => a > b, ifExists: false },
  NumericGreaterThanIfExists: { compare: (a, b) => a > b, ifExists: true },
  NumericGreaterThanEquals: { compare: (a, b) => a >= b, ifExists: false },
}

function makeFunction(name: string, key: ConditionKey, policyValue: bigint): ConditionFunction {
  const { compare, ifExists } = COMPARISONS[name] as (typeof COMPARISONS)[string]
  return {
    operator: name,
    key,
    signature: `${name}:${ifExists}:${key.full}:${policyValue}`,
    stored: { operator: name, values: [policyValue.toString()] },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const requestValues = lookupValues(values, key)
      let result: boolean
      let reason: string
      if (requestValues.length === 0) {
        result = ifExists
        reason = 'the key is missing from the request'
      } else {
        const parsed = parseGoInt(requestValues[0] as string)
        result = parsed !== undefined && compare(parsed, policyValue)
        reason = parsed === undefined ? `the first request value '${requestValues[0]}' is not a base-10 integer` : `${parsed} compared with ${policyValue}`
      }
      trace?.push({ operator: name, key: key.full, requestValues, policyValues: [policyValue.toString()], matched: result, reason })
      return result
    },
  }
}

function builder(name: string): ConditionBuilder {
  return (key, values) => {
    if (values.length !== 1) return { error: `only one value is allowed for ${name} condition` }
    const value = values[0] as (typeof values)[number]
    if (value.kind === 'int') return makeFunction(name, key, value.int)
    if (value.kind === 'string') {
      const parsed = parseGoInt(value.text)
      if (parsed === undefined) return { error: `value ${value.text} must be a int for ${name} condition: ${goIntError(value.text)}` }
      return makeFunction(name, key, parsed)
    }
    return { error: `value ${valueText(value)} must be a int for ${name} condition` }
  }
}

export const numericBuilders: Record<string, ConditionBuilder> = Object.fromEntries(Object.keys(COMPARISONS).map((name) => [name, builder(name)]))
