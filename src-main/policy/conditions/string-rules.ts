/**
 * Parse-time rules shared by the string families (§4.4): values must be strings, and a few keys
 * have value checks (copy source, SSE, metadata directive, content sha256).
 */
import { checkBucketName } from '../text/go-codecs.ts'
import { utf8Length } from '../text/utf8.ts'
import type { ConditionKey, ConditionValue } from './types.ts'

/** valuesToStringSlice: every value must be a string. */
export function stringsOf(operator: string, values: ConditionValue[]): { strings: string[] } | { error: string } {
  const strings: string[] = []
  for (const value of values) {
    if (value.kind !== 'string') return { error: `value must be a string for ${operator} condition` }
    strings.push(value.text)
  }
  return { strings }
}

function checkCopySource(operator: string, value: string): string | undefined {
  const path = value.startsWith('/') ? value.slice(1) : value
  const slash = path.indexOf('/')
  const bucket = slash < 0 ? path : path.slice(0, slash)
  const object = slash < 0 ? '' : path.slice(slash + 1)
  if (object === '') return `invalid value '${value}' for 's3:x-amz-copy-source' for ${operator} condition`
  return checkBucketName(bucket, utf8Length(bucket))
}

const FIXED_VALUES: Record<string, readonly string[]> = {
  's3:x-amz-server-side-encryption-customer-algorithm': ['AES256'],
  's3:x-amz-server-side-encryption': ['AES256', 'aws:kms'],
  's3:x-amz-metadata-directive': ['COPY', 'REPLACE'],
}

/** validateStringValues; StringLike/StringNotLike only get the copy-source check. */
export function checkStringValues(operator: string, key: ConditionKey, values: string[]): string | undefined {
  const isLike = operator === 'StringLike' || operator === 'StringNotLike'
  for (const value of [...values].sort()) {
    if (key.name === 's3:x-amz-copy-source') {
      const problem = checkCopySource(operator, value)
      if (problem !== undefined) return problem
    }
    if (isLike) continue
    const allowed = FIXED_VALUES[key.name]
    if (allowed !== undefined && !allowed.includes(value)) return `invalid value '${value}' for '${key.name}' for ${operator} condition`
    if (key.name === 's3:x-amz-content-sha256' && value === '') return `invalid empty value for 's3:x-amz-content-sha256' for ${operator} condition`
  }
  return undefined
}
