/**
 * Resource strings (§1.6) and resource matching (§3.2–3.3): parsing into type + pattern, validity,
 * `${...}` substitution in patterns, the path.Clean exact shortcut, then the wildcard match.
 */
import { COMMON_KEY_SET, shortKeyName } from './conditions/keys.ts'
import { activeSemantics } from './semantics.ts'
import { cleanPath } from './text/go-text.ts'
import { matchWildcard } from './text/wildcard.ts'
import type { ConditionValues } from './types.ts'

export type ResourceType = 'S3' | 'KMS' | 'ALL'

export interface ParsedResource {
  type: ResourceType
  pattern: string
  /** Type prefix + pattern: MinIO's String() (a written `*` prints as `**`). */
  text: string
}

const S3_PREFIX = 'arn:aws:s3:::'
const KMS_PREFIX = 'arn:minio:kms:::'
const TYPE_PREFIX: Record<ResourceType, string> = { S3: S3_PREFIX, KMS: KMS_PREFIX, ALL: '*' }

/** MinIO parseResource: `*`/bare prefixes → ALL; S3 / KMS ARNs; `*rest` → ALL with pattern rest. */
export function parseResource(text: string): ParsedResource | { error: string } {
  let type: ResourceType
  let pattern: string
  // minio/pkg before v3.0.30 had no ALL type: `*` and `*rest` are invalid, a bare prefix has pattern ''.
  const { allResource: knowsAll, kmsResources: knowsKms } = activeSemantics()
  if (knowsAll && (text === '*' || text === S3_PREFIX || (knowsKms && text === KMS_PREFIX))) {
    type = 'ALL'
    pattern = text
  } else if (text.startsWith(S3_PREFIX)) {
    type = 'S3'
    pattern = text.slice(S3_PREFIX.length)
  } else if (activeSemantics().kmsResources && text.startsWith(KMS_PREFIX)) {
    type = 'KMS'
    pattern = text.slice(KMS_PREFIX.length)
  } else if (knowsAll && text.startsWith('*')) {
    type = 'ALL'
    pattern = text.slice(1)
  } else {
    return { error: `invalid resource '${text}'` }
  }
  if (pattern.startsWith('/')) return { error: `invalid resource '${text}' - starts with '/' will not match a bucket` }
  return { type, pattern, text: TYPE_PREFIX[type] + pattern }
}

/** Resource.IsValid. */
export function isValidResource(resource: ParsedResource): boolean {
  if (resource.type !== 'KMS' && resource.pattern.startsWith('/')) return false
  if (resource.type !== 'S3' && /[/\\.]/.test(resource.pattern)) return false
  return resource.pattern !== ''
}

/** The IAM request resource string (§3.1): `bucket/object`, `bucket/` or `/`. */
export function requestResource(bucket: string, object: string): string {
  if (object === '') return `${bucket}/`
  return object.startsWith('/') ? bucket + object : `${bucket}/${object}`
}

/** A resource pattern split at its `${commonKey}` variables: literal text, or a short name to look up. */
export type PatternPart = string | { short: string; literal: string }

/**
 * Tokenises a pattern the way MinIO's Resource.Match scans it (§3.3): `${` up to the FIRST `}`
 * names a variable; only common keys are variables; everything else stays literal. Replacement
 * values are never rescanned, so the tokens do not depend on the request.
 */
export function tokenizePattern(pattern: string): PatternPart[] {
  const parts: PatternPart[] = []
  let literal = ''
  let rest = pattern
  while (rest.length > 0) {
    const close = rest.indexOf('}')
    if (rest[0] !== '$' || rest.length < 3 || rest[1] !== '{' || close < 0) {
      literal += rest[0]
      rest = rest.slice(1)
      continue
    }
    const name = rest.slice(2, close)
    if (COMMON_KEY_SET.has(name)) {
      if (literal !== '') parts.push(literal)
      literal = ''
      parts.push({ short: shortKeyName(name), literal: `\${${name}}` })
    } else literal += `\${${name}}`
    rest = rest.slice(close + 1)
  }
  if (literal !== '') parts.push(literal)
  return parts
}

/** Substitutes tokenised variables with the first non-empty request value; otherwise keeps `${name}`. */
export function substituteParts(parts: readonly PatternPart[], values: ConditionValues): string {
  let out = ''
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part
      continue
    }
    // MinIO indexes [0] without a length check (it would panic on an empty list); we treat it as absent.
    const found = Object.hasOwn(values, part.short) ? (values[part.short] as string[])[0] : undefined
    out += found !== undefined && found !== '' ? found : part.literal
  }
  return out
}

/** Substitutes `${commonKey}` in a resource pattern with the first non-empty request value (§3.3). */
export function substituteResource(pattern: string, values: ConditionValues): string {
  return pattern.includes('$') ? substituteParts(tokenizePattern(pattern), values) : pattern
}

/** Resource.Match: the substituted pattern equals clean(resource) (not `.`), or wildcard-matches the raw resource. */
export function matchResource(pattern: string, resource: string, cleaned: string): 'exact' | 'wildcard' | undefined {
  if (cleaned !== '.' && cleaned === pattern) return 'exact'
  return matchWildcard(pattern, resource) ? 'wildcard' : undefined
}

/** path.Clean of the request resource, computed once per request. */
export function cleanResource(resource: string): string {
  return cleanPath(resource)
}
