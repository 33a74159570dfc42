/**
 * The shape every condition operator family implements. A family's builder mirrors MinIO's
 * `new...Func` (parse-time value rules and messages); `evaluate` mirrors its `evaluate`, and
 * records a trace entry when asked, so the explanation comes from the deciding code itself.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'

/** A parsed condition key: `s3:ExistingObjectTag/team` → name `s3:ExistingObjectTag`, variable `team`. */
export interface ConditionKey {
  name: string
  variable: string
  /** As written: name + `/` + variable. */
  full: string
  /** The request-map name: prefix (aws, s3, jwt, ldap, sts, svc) trimmed, `/variable` kept. */
  short: string
  /** http.CanonicalHeaderKey(short), looked up first (v3.1.3). */
  canonical: string
}

/** A condition value after MinIO's typed decoding: bool, then int64, then string (§1.7). */
export type ConditionValue = { kind: 'bool'; bool: boolean } | { kind: 'int'; int: bigint } | { kind: 'string'; text: string }

export interface ConditionFunction {
  /** Operator name as MinIO keeps it (qualifier only for the string families). */
  readonly operator: string
  readonly key: ConditionKey
  /** Go's String() of the function: equal strings mean equal functions (duplicate-statement check). */
  readonly signature: string
  /** What MinIO's MarshalJSON writes for this function: operator name and the JSON text of each value. */
  readonly stored: { operator: string; values: string[] }
  /** The string families run MinIO's variable substitution, which indexes every common key's first value. */
  readonly substitutes?: boolean
  evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean
}

export type ConditionBuilder = (key: ConditionKey, values: ConditionValue[], qualifier: string) => ConditionFunction | { error: string }

/** Value.String(): how MinIO prints a typed value in messages. */
export function valueText(value: ConditionValue): string {
  return value.kind === 'bool' ? String(value.bool) : value.kind === 'int' ? value.int.toString() : value.text
}

/** MinIO getValuesByKey: the canonical header spelling first (even if its list is empty), then the raw short name. */
export function lookupValues(values: ConditionValues, key: ConditionKey): string[] {
  if (Object.hasOwn(values, key.canonical)) return values[key.canonical] as string[]
  return Object.hasOwn(values, key.short) ? (values[key.short] as string[]) : []
}
