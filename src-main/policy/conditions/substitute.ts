/**
 * Policy variables inside condition values (§4.5): for each common key in MinIO's order, every
 * `${key}` becomes the FIRST request value under the key's short name (raw name, no canonical
 * lookup) when that value is non-empty. Later keys may substitute text an earlier key inserted.
 */
import type { ConditionValues } from '../types.ts'
import { COMMON_KEYS, shortKeyName } from './keys.ts'

const VARIABLES = COMMON_KEYS.map((name) => ({ text: `\${${name}}`, short: shortKeyName(name) }))

/** Substitutes common-key variables in one policy value. Values without `${` are returned as they are. */
export function substituteValue(value: string, values: ConditionValues): string {
  if (!value.includes('${')) return value
  let out = value
  for (const variable of VARIABLES) {
    if (!out.includes('${')) break
    if (!Object.hasOwn(values, variable.short)) continue
    // MinIO indexes [0] without a length check (it would panic on an empty list); we treat it as absent.
    const first = (values[variable.short] as string[])[0]
    if (first !== undefined && first !== '') out = out.replaceAll(variable.text, first)
  }
  return out
}

/**
 * Prepares substitution for one policy value: only the variables that occur in it are tried, in
 * MinIO's order. If a request value itself contains `${`, a later key could rewrite it, so that
 * (rare) case falls back to the full walk over every common key. Same answers as substituteValue.
 */
export function compileSubstitution(value: string): (values: ConditionValues) => string {
  if (!value.includes('${')) return () => value
  const present = VARIABLES.filter((variable) => value.includes(variable.text))
  return (values) => {
    let out = value
    for (const variable of present) {
      if (!Object.hasOwn(values, variable.short)) continue
      const first = (values[variable.short] as string[])[0]
      if (first === undefined || first === '') continue
      if (first.includes('${')) return substituteValue(value, values)
      out = out.replaceAll(variable.text, first)
    }
    return out
  }
}

/** MinIO's panic text when it indexes the first value of an empty list (v3.1.3 does not check the length). */
export const GO_INDEX_PANIC = 'panic: runtime error: index out of range [0] with length 0'

const COMMON_SHORT_NAMES = [...new Set(VARIABLES.map((variable) => variable.short))]

/** True when MinIO's substitution would panic for this request: a common key is present with no values. */
export function hasEmptyCommonKey(values: ConditionValues): boolean {
  return COMMON_SHORT_NAMES.some((short) => Object.hasOwn(values, short) && (values[short] as string[]).length === 0)
}
