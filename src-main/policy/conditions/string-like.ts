/**
 * StringLike / StringNotLike (§4.4): each request value, in order, matches if any (substituted)
 * pattern wildcard-matches it. ForAllValues needs every value to match (true when missing);
 * otherwise one match suffices (false when missing). The negation applies after the qualifier.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { matchWildcard } from '../text/wildcard.ts'
import { goJsonString } from '../json/go-encode.ts'
import { compileSubstitution } from './substitute.ts'
import { checkStringValues, stringsOf } from './string-rules.ts'
import { lookupValues, type ConditionBuilder, type ConditionFunction, type ConditionKey } from './types.ts'

function evaluateLike(patterns: readonly string[], requestValues: string[], isForAll: boolean): boolean {
  for (const value of requestValues) {
    let matched = false
    for (const pattern of patterns) {
      if (matchWildcard(pattern, value)) {
        matched = true
        break
      }
    }
    if (isForAll && !matched) return false
    if (!isForAll && matched) return true
  }
  return isForAll
}

function makeFunction(name: string, negate: boolean, key: ConditionKey, patterns: string[], qualifier: string): ConditionFunction {
  const operator = qualifier === '' ? name : `${qualifier}:${name}`
  const isForAll = qualifier === 'ForAllValues'
  const sorted = [...new Set(patterns)].sort()
  const hasVariables = sorted.some((pattern) => pattern.includes('${'))
  const substitutions = sorted.map(compileSubstitution)
  return {
    operator,
    key,
    signature: `${operator}:${key.full}:[${sorted.join(' ')}]`,
    substitutes: true,
    stored: { operator, values: sorted.map(goJsonString) },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const requestValues = lookupValues(values, key)
      const substituted = hasVariables ? substitutions.map((substitute) => substitute(values)) : sorted
      const base = evaluateLike(substituted, requestValues, isForAll)
      const result = negate ? !base : base
      if (trace !== undefined) {
        const reason = requestValues.length === 0 ? 'the key is missing from the request' : base ? 'a request value matches a pattern' : 'no request value matches any pattern'
        trace.push({ operator, key: key.full, requestValues, policyValues: [...substituted], matched: result, reason: isForAll && requestValues.length > 0 ? (base ? 'every request value matches a pattern' : 'a request value matches no pattern') : reason })
      }
      return result
    },
  }
}

function builder(name: string, negate: boolean): ConditionBuilder {
  return (key, values, qualifier) => {
    const strings = stringsOf(name, values)
    if ('error' in strings) return strings
    const problem = checkStringValues(name, key, [...new Set(strings.strings)])
    if (problem !== undefined) return { error: problem }
    return makeFunction(name, negate, key, strings.strings, qualifier)
  }
}

export const stringLikeBuilders: Record<string, ConditionBuilder> = {
  StringLike: builder('StringLike', false),
  StringNotLike: builder('StringNotLike', true),
}
