/**
 * StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, BinaryEquals
 * (§4.4): set intersection after variable substitution; ForAllValues = request ⊆ policy (true when
 * the key is missing); the negation applies after the qualifier.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { decodeBase64, encodeBase64 } from '../text/go-codecs.ts'
import { goJsonString } from '../json/go-encode.ts'
import { goLower } from '../text/go-text.ts'
import { substituteValue } from './substitute.ts'
import { checkStringValues, stringsOf } from './string-rules.ts'
import { lookupValues, type ConditionBuilder, type ConditionFunction, type ConditionKey, type ConditionValue } from './types.ts'

interface StringOptions {
  name: string
  ignoreCase: boolean
  negate: boolean
}

function makeFunction(options: StringOptions, key: ConditionKey, policyValues: string[], qualifier: string, isBinary: boolean): ConditionFunction {
  const operator = qualifier === '' ? options.name : `${qualifier}:${options.name}`
  const isForAll = qualifier === 'ForAllValues'
  const sorted = [...new Set(policyValues)].sort()
  const hasVariables = sorted.some((value) => value.includes('${'))
  const fixed = new Set(options.ignoreCase ? sorted.map(goLower) : sorted)
  return {
    operator,
    key,
    signature: `${operator}:${key.full}:[${sorted.join(' ')}]`,
    // MinIO re-encodes BinaryEquals values as base64 when it stores them.
    stored: { operator, values: sorted.map((value) => goJsonString(isBinary ? encodeBase64(value) : value)) },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const raw = lookupValues(values, key)
      const requestSet = new Set(options.ignoreCase ? raw.map(goLower) : raw)
      let policySet = fixed
      if (hasVariables) {
        const substituted = sorted.map((value) => substituteValue(value, values))
        policySet = new Set(options.ignoreCase ? substituted.map(goLower) : substituted)
      }
      let hits = 0
      for (const value of requestSet) if (policySet.has(value)) hits++
      const base = isForAll ? requestSet.size === 0 || hits === requestSet.size : hits > 0
      const result = options.negate ? !base : base
      if (trace !== undefined) {
        const reason = requestSet.size === 0 ? 'the key is missing from the request' : `${hits} of ${requestSet.size} request value(s) are among the policy values`
        trace.push({ operator, key: key.full, requestValues: raw, policyValues: [...policySet], matched: result, reason })
      }
      return result
    },
  }
}

function builder(options: StringOptions, isBinary = false): ConditionBuilder {
  return (key, values: ConditionValue[], qualifier) => {
    const strings = stringsOf(options.name, values)
    if ('error' in strings) return strings
    let decoded = strings.strings
    if (isBinary) {
      decoded = []
      for (const text of strings.strings) {
        const result = decodeBase64(text)
        if ('error' in result) return result
        decoded.push(result.value)
      }
    }
    const problem = checkStringValues(options.name, key, [...new Set(decoded)])
    if (problem !== undefined) return { error: problem }
    return makeFunction(options, key, decoded, qualifier, isBinary)
  }
}

export const stringBuilders: Record<string, ConditionBuilder> = {
  StringEquals: builder({ name: 'StringEquals', ignoreCase: false, negate: false }),
  StringNotEquals: builder({ name: 'StringNotEquals', ignoreCase: false, negate: true }),
  StringEqualsIgnoreCase: builder({ name: 'StringEqualsIgnoreCase', ignoreCase: true, negate: false }),
  StringNotEqualsIgnoreCase: builder({ name: 'StringNotEqualsIgnoreCase', ignoreCase: true, negate: true }),
  BinaryEquals: builder({ name: 'BinaryEquals', ignoreCase: false, negate: false }, true),
}
