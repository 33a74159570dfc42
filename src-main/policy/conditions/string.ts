/**
 * StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, BinaryEquals
 * (§4.4): set intersection after variable substitution; ForAllValues = request ⊆ policy (true when
 * the key is missing); the negation applies after the qualifier.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { decodeBase64, encodeBase64 } from '../text/go-codecs.ts'
import { goJsonString } from '../json/go-encode.ts'
import { goLower } from '../text/go-text.ts'
import { compileSubstitution } from './substitute.ts'
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
  const substitutions = sorted.map(compileSubstitution)
  const fixed = new Set(options.ignoreCase ? sorted.map(goLower) : sorted)
  return {
    operator,
    key,
    signature: `${operator}:${key.full}:[${sorted.join(' ')}]`,
    substitutes: true,
    // MinIO re-encodes BinaryEquals values as base64 when it stores them.
    stored: { operator, values: sorted.map((value) => goJsonString(isBinary ? encodeBase64(value) : value)) },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const raw = lookupValues(values, key)
      let policySet = fixed
      if (hasVariables) {
        const substituted = substitutions.map((substitute) => substitute(values))
        policySet = new Set(options.ignoreCase ? substituted.map(goLower) : substituted)
      }
      // Set logic of MinIO without building sets: ForAllValues = every request value is a policy
      // value (true when there are none); otherwise some request value is a policy value.
      let base = isForAll
      for (const value of raw) {
        if (policySet.has(options.ignoreCase ? goLower(value) : value) !== isForAll) {
          base = !isForAll
          break
        }
      }
      const result = options.negate ? !base : base
      if (trace !== undefined) {
        const distinct = new Set(raw)
        const hits = [...distinct].filter((value) => policySet.has(options.ignoreCase ? goLower(value) : value)).length
        const reason = distinct.size === 0 ? 'the key is missing from the request' : `${hits} of ${distinct.size} request value(s) are among the policy values`
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
