/**
 * The condition-value map exactly as the MinIO server builds it for one request
 * (cmd/bucket-policy.go `getConditionValues`, server commit 7aac2a2c). Pure: no node:*, no DOM, so the
 * tester, the CLI and who-can/matrix all build the same map. Keys are the server's own map keys
 * (short names, HTTP headers under their canonical spelling, form parameters as sent); MinIO's
 * evaluator looks a policy key up canonical-first, then raw (§4.2).
 */
import { canonicalHeaderKey, goLower } from '../text/go-text.ts'
import type { ConditionValues } from '../types.ts'

/** How the request was signed (cmd/auth-handler.go `getRequestAuthType`). */
export type ServerAuthType = 'signed-v4' | 'presigned-v4' | 'streaming-v4' | 'post-policy' | 'signed-v2' | 'presigned-v2' | 'anonymous'

/** The credential the server resolved for the request (cmd/signature-v4-utils.go `checkKeyValid`). */
export interface ServerCredential {
  /** The access key the request is signed with; '' for anonymous requests. */
  accessKey: string
  /** Set for access keys (service accounts) and STS credentials: MinIO answers for the parent. */
  parentUser?: string
  /** The deployment's root access key, so `principaltype` can say `Account` (root and root's keys). */
  rootAccessKey?: string
  /** The credential's groups (LDAP/STS, or an LDAP user's access keys); internal users carry none. */
  groups?: readonly string[]
  /** JWT claims of temporary credentials and access keys (see `accessKeyClaims`). */
  claims?: Readonly<Record<string, unknown>>
}

export interface ServerRequestContext {
  /** The server's clock when it checks the request. */
  now: Date
  credential: ServerCredential
  /** The connection is TLS (https): `aws:SecureTransport`. */
  secureTransport: boolean
  /** The client address the server sees (no port, no brackets). */
  sourceIp: string
  authType: ServerAuthType
  /** Request headers as the client sent them (any case; Host is not a header to the Go server). */
  headers?: Readonly<Record<string, readonly string[]>>
  /** Query parameters and POST form fields as sent (`prefix`, `versionId`, `max-keys`, …). */
  form?: Readonly<Record<string, readonly string[]>>
  /** Only anonymous CreateBucket passes its region here. */
  locationConstraint?: string
}

/** Where a value of the map came from, for the tester to show. */
export type ConditionSource = 'server' | 'header' | 'form' | 'object-tags' | 'object-lock' | 'claim' | 'groups'

export interface ConditionEntry {
  key: string
  values: string[]
  source: ConditionSource
}

export interface ServerConditionMap {
  /** The map the evaluator receives. */
  values: ConditionValues
  /** The same map with each key's origin, in the order the server fills it. */
  entries: ConditionEntry[]
}

const OBJECT_LOCK_HEADERS = ['X-Amz-Object-Lock-Mode', 'X-Amz-Object-Lock-Legal-Hold', 'X-Amz-Object-Lock-Retain-Until-Date']
const TAGGING_HEADER = 'X-Amz-Tagging'

/** The claims MinIO signs into an access key's token (cmd/iam.go NewServiceAccount, internal/auth JWTSignWithAccessKey). */
export function accessKeyClaims(accessKey: string, parentUser: string, embeddedPolicy: boolean): Record<string, string> {
  return { parent: parentUser, 'sa-policy': embeddedPolicy ? 'embedded-policy' : 'inherited-policy', ...(embeddedPolicy ? { sessionPolicy: '(base64 of the policy)' } : {}), accessKey }
}

/** Go http.Header: names canonicalised on receipt, values of one name kept in order. */
function canonicalHeaders(headers: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [name, values] of Object.entries(headers)) {
    const key = canonicalHeaderKey(name)
    if (key === 'Host') continue
    out.set(key, [...(out.get(key) ?? []), ...values])
  }
  return out
}

/** minio-go tags.ParseObjectTags on the URL-encoded `k=v&k2=v2` form (unparseable text → no tags). */
export function parseTagging(text: string): Map<string, string> | undefined {
  try {
    const tags = new Map<string, string>()
    for (const [key, value] of new URLSearchParams(text)) {
      if (key === '' || tags.has(key)) return undefined
      tags.set(key, value)
    }
    return tags
  } catch {
    return undefined
  }
}

function signature(authType: ServerAuthType): { version: string; type: string } {
  switch (authType) {
    case 'signed-v4': case 'streaming-v4': return { version: 'AWS4-HMAC-SHA256', type: 'REST-HEADER' }
    case 'presigned-v4': return { version: 'AWS4-HMAC-SHA256', type: 'REST-QUERY-STRING' }
    case 'post-policy': return { version: 'AWS4-HMAC-SHA256', type: 'POST' }
    case 'signed-v2': return { version: 'AWS', type: 'REST-HEADER' }
    case 'presigned-v2': return { version: 'AWS', type: 'REST-QUERY-STRING' }
    case 'anonymous': return { version: '', type: '' }
  }
}

function principalType(username: string, credential: ServerCredential): string {
  if (username === '') return 'Anonymous'
  if (credential.rootAccessKey !== undefined && username === credential.rootAccessKey) return 'Account'
  return Object.keys(credential.claims ?? {}).length > 0 ? 'AssumedRole' : 'User'
}

function versionId(form: Readonly<Record<string, readonly string[]>>, headers: Map<string, string[]>): string {
  const fromForm = form.versionId?.[0] ?? ''
  if (fromForm !== '') return fromForm
  const source = headers.get('X-Amz-Copy-Source')?.[0] ?? ''
  const query = source.indexOf('?')
  return query < 0 ? '' : new URLSearchParams(source.slice(query + 1)).get('versionId') ?? ''
}

/**
 * Builds the map `getConditionValues(r, lc, cred)` returns for this request: the always-set keys
 * (CurrentTime, EpochTime, SecureTransport, SourceIp, UserAgent, Referer, principaltype, userid,
 * username, versionid, signatureversion, authType), then LocationConstraint, signatureAge, the
 * X-Amz-Tagging tags (ExistingObjectTag/<k>, RequestObjectTag/<k>, RequestObjectTagKeys),
 * object-lock headers, every other header, every form parameter, string claims, groups.
 */
export function serverConditionValues(context: ServerRequestContext): ServerConditionMap {
  const { credential } = context
  const headers = canonicalHeaders(context.headers ?? {})
  const form = context.form ?? {}
  const entries = new Map<string, ConditionEntry>()
  const set = (key: string, values: readonly string[], source: ConditionSource) => entries.set(key, { key, values: [...values], source })
  const append = (key: string, values: readonly string[], source: ConditionSource) => {
    const existing = entries.get(key)
    if (existing) existing.values.push(...values)
    else set(key, values, source)
  }

  const username = credential.parentUser ?? credential.accessKey
  const { version, type } = signature(context.authType)
  const seconds = Math.floor(context.now.getTime() / 1000)
  set('CurrentTime', [new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')], 'server')
  set('EpochTime', [String(seconds)], 'server')
  set('SecureTransport', [String(context.secureTransport)], 'server')
  set('SourceIp', [context.sourceIp], 'server')
  set('UserAgent', [headers.get('User-Agent')?.[0] ?? ''], 'server')
  set('Referer', [headers.get('Referer')?.[0] ?? ''], 'server')
  set('principaltype', [principalType(username, credential)], 'server')
  set('userid', [username], 'server')
  set('username', [username], 'server')
  set('versionid', [versionId(form, headers)], 'server')
  set('signatureversion', [version], 'server')
  set('authType', [type], 'server')
  if (context.locationConstraint) set('LocationConstraint', [context.locationConstraint], 'server')

  const signatureAge = headers.get('X-Amz-Signature-Age')?.[0] ?? ''
  if (signatureAge !== '') {
    set('signatureAge', [signatureAge], 'server')
    headers.delete('X-Amz-Signature-Age')
  }
  const tagging = headers.get(TAGGING_HEADER)?.[0] ?? ''
  const tags = tagging === '' ? undefined : parseTagging(tagging)
  if (tags) {
    for (const [key, value] of tags) {
      set(`ExistingObjectTag/${key}`, [value], 'object-tags')
      set(`RequestObjectTag/${key}`, [value], 'object-tags')
    }
    set('RequestObjectTagKeys', [...tags.keys()], 'object-tags')
  }
  for (const name of OBJECT_LOCK_HEADERS) {
    const values = headers.get(name)
    if (values) set(name.slice('X-Amz-'.length), values, 'object-lock')
    headers.delete(name)
  }
  for (const [key, values] of headers) if (key !== TAGGING_HEADER) append(key, values, 'header')

  const formCopy = new Map(Object.entries(form))
  for (const name of OBJECT_LOCK_HEADERS) {
    const values = formCopy.get(name)
    if (values) set(name.slice('X-Amz-'.length), values, 'object-lock')
    formCopy.delete(name)
  }
  for (const [key, values] of formCopy) append(key, values, 'form')

  const claims = credential.claims ?? {}
  for (const [key, value] of Object.entries(claims)) {
    if (typeof value === 'string') set(goLower(key.startsWith('ldap') ? key.slice(4) : key), [value], 'claim')
  }
  const claimGroups = Array.isArray(claims.groups) ? claims.groups.filter((group): group is string => typeof group === 'string') : []
  if (claimGroups.length > 0) set('groups', claimGroups, 'claim')
  else if (!entries.has('groups') && (credential.groups?.length ?? 0) > 0) set('groups', credential.groups ?? [], 'groups')

  const list = [...entries.values()]
  const values: ConditionValues = {}
  for (const entry of list) Object.defineProperty(values, entry.key, { value: entry.values, enumerable: true, writable: true, configurable: true })
  return { values, entries: list }
}
