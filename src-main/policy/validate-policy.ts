/** Placeholder replaced below. */
import type { Issue, PolicyDocument, ValidateOptions } from './types.ts'

export function validatePolicy(_input: string | PolicyDocument, _options: ValidateOptions): Issue[] {
  return []
}
