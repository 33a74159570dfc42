/**
 * Null and Bool (§4.4). Null: one value, a bool or a Go bool string; true = key missing, false =
 * key present. Bool: only aws:SecureTransport, one value; compares the FIRST request value with the
 * stored text byte for byte (`"True"` never matches MinIO's `true`).
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { parseGoBool } from '../text/go-text.ts'
import { goJsonString } from '../json/go-encode.ts'
import { lookupValues, valueText, type ConditionBuilder, type ConditionFunction, type ConditionKey } from './types.ts'

function nullFunction(key: ConditionKey, expectMissing: boolean): ConditionFunction {
  return {
    operator: 'Null',
    key,
    signature: `Null:${key.full}:${expectMissing}`,
    stored: { operator: 'Null', values: [String(expectMissing)] },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const requestValues = lookupValues(values, key)
      const isMissing = requestValues.length === 0
      const result = expectMissing ? isMissing : !isMissing
      trace?.push({ operator: 'Null', key: key.full, requestValues, policyValues: [String(expectMissing)], matched: result, reason: isMissing ? 'the key is missing from the request' : 'the key is present in the request' })
      return result
    },
  }
}

const buildNull: ConditionBuilder = (key, values) => {
  if (values.length !== 1) return { error: 'only one value is allowed for Null condition' }
  const value = values[0] as (typeof values)[number]
  if (value.kind === 'bool') return nullFunction(key, value.bool)
  if (value.kind === 'string') {
    const parsed = parseGoBool(value.text)
    if (parsed === undefined) return { error: 'value must be a boolean string for Null condition' }
    return nullFunction(key, parsed)
  }
  return { error: 'value must be a boolean for Null condition' }
}

function boolFunction(key: ConditionKey, text: string): ConditionFunction {
  return {
    operator: 'Bool',
    key,
    signature: `Bool:${key.full}:${text}`,
    stored: { operator: 'Bool', values: [goJsonString(text)] },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const requestValues = lookupValues(values, key)
      const result = requestValues.length > 0 && requestValues[0] === text
      const reason = requestValues.length === 0 ? 'the key is missing from the request' : `the first request value ${result ? 'equals' : 'differs from'} '${text}'`
      trace?.push({ operator: 'Bool', key: key.full, requestValues, policyValues: [text], matched: result, reason })
      return result
    },
  }
}

const buildBool: ConditionBuilder = (key, values) => {
  if (key.name !== 'aws:SecureTransport') return { error: 'only aws:SecureTransport key is allowed for Bool condition' }
  if (values.length !== 1) return { error: 'only one value is allowed for boolean condition' }
  const value = values[0] as (typeof values)[number]
  if (value.kind === 'string' && parseGoBool(value.text) === undefined) return { error: 'value must be a boolean string for boolean condition' }
  if (value.kind === 'int') return { error: 'value must be a boolean for boolean condition' }
  // MinIO keeps the string exactly as written, but `true`/`false` for JSON booleans.
  return boolFunction(key, valueText(value))
}

export const nullBoolBuilders: Record<string, ConditionBuilder> = { Null: buildNull, Bool: buildBool }
