/**
 * MinIO's two ways into a policy: ParseConfig (decode the first JSON value, drop duplicate
 * statements, validate; §1.1) and the plain unmarshal used for stored policies (no validation).
 */
import { decodePolicy } from './decode.ts'
import { scanFirstValue } from './json/go-json.ts'
import type { DecodeFailure, ParsedPolicy } from './model.ts'
import type { PolicyDocument } from './types.ts'
import { validateParsedPolicy } from './validate-minio.ts'

export type ParseConfigResult = { policy: ParsedPolicy } | { failure: DecodeFailure }

/** Text of a document given as an object or as raw JSON text. */
export function documentText(document: PolicyDocument | string): string {
  return typeof document === 'string' ? document : JSON.stringify(document)
}

/** Decode only (stored policies): the first JSON value, Go's decode rules, duplicates dropped. */
export function decodePolicyText(text: string): ParseConfigResult {
  const scanned = scanFirstValue(text)
  if (!scanned.ok) return { failure: { message: scanned.message, path: '' } }
  return decodePolicy(scanned.node, text)
}

/** MinIO `policy.ParseConfig`: decode, then Validate. Returns MinIO's message on failure; never throws. */
export function parseConfig(document: PolicyDocument | string): ParseConfigResult {
  const decoded = decodePolicyText(documentText(document))
  if ('failure' in decoded) return decoded
  const failure = validateParsedPolicy(decoded.policy)
  return failure === undefined ? decoded : { failure }
}
