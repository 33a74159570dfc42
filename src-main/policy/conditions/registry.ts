/**
 * The 24 operator names of v3.1.3 and their builders; operator-name parsing (`Qualifier:Name`).
 */
import { dateBuilders } from './date.ts'
import { ipBuilders } from './ip.ts'
import { nullBoolBuilders } from './null-bool.ts'
import { numericBuilders } from './numeric.ts'
import { stringBuilders } from './string.ts'
import { stringLikeBuilders } from './string-like.ts'
import type { ConditionBuilder } from './types.ts'

export const CONDITION_BUILDERS: Readonly<Record<string, ConditionBuilder>> = {
  ...stringBuilders,
  ...stringLikeBuilders,
  ...ipBuilders,
  ...nullBoolBuilders,
  ...numericBuilders,
  ...dateBuilders,
}

export const OPERATOR_NAMES: readonly string[] = Object.keys(CONDITION_BUILDERS)
export const QUALIFIERS: readonly string[] = ['ForAllValues', 'ForAnyValue']

/** MinIO parseName: `Name` or `Qualifier:Name` (an empty qualifier is accepted, as in Go). */
export function parseOperatorName(text: string): { name: string; qualifier: string } | { error: string } {
  const tokens = text.split(':')
  if (tokens.length > 2) return { error: `invalid condition name '${text}'` }
  const [qualifier, name] = tokens.length === 2 ? (tokens as [string, string]) : ['', text]
  const isValid = (qualifier === '' || QUALIFIERS.includes(qualifier)) && Object.hasOwn(CONDITION_BUILDERS, name)
  return isValid ? { name, qualifier } : { error: `invalid condition name '${text}'` }
}
