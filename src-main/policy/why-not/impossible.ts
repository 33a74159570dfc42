/**
 * Requests no policy change can allow on the server, because MinIO never evaluates them: an action
 * name no request carries (MinIO's actions are case-sensitive and exact), an S3 request without a
 * bucket other than ListAllMyBuckets. Why-not says so instead of suggesting an edit that would only
 * change the answer of a question the server never asks.
 */
import { ADMIN_ACTIONS, KMS_ACTIONS, S3_ACTIONS, STS_ACTIONS, UNNAMEABLE_ADMIN_ACTIONS } from '../catalogue.ts'
import type { PolicyRequest } from '../types.ts'

const KNOWN = [...S3_ACTIONS.map((info) => info.action), ...ADMIN_ACTIONS, ...UNNAMEABLE_ADMIN_ACTIONS, ...KMS_ACTIONS, ...STS_ACTIONS].filter((action) => !action.endsWith('*'))
const EXACT = new Set(KNOWN)
const BY_FOLDED = new Map(KNOWN.map((action) => [action.toLowerCase(), action]))

/** Why MinIO never checks this request, or undefined when it may. */
export function impossibleRequest(request: PolicyRequest): string | undefined {
  const { action } = request
  if (!EXACT.has(action)) {
    const meant = BY_FOLDED.get(action.trim().toLowerCase())
    const hint = meant ? ` Did you mean ${meant}?` : ' Check the action against the catalogue.'
    return `No change can allow this: MinIO never checks the action "${action}" (action names are exact and case-sensitive, so no request carries it).${hint}`
  }
  if (action.startsWith('s3:') && action !== 's3:ListAllMyBuckets' && (request.bucket ?? '') === '') {
    return `No change can allow this: every S3 request except s3:ListAllMyBuckets names a bucket, so MinIO never checks ${action} without one. Give the request's bucket${S3_ACTIONS.find((info) => info.action === action)?.resource === 'object' ? ' and object' : ''}.`
  }
  return undefined
}
