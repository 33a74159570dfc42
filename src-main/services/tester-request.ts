import type { FilledEntry, TesterPrincipal, TesterRequest } from './tester.types.ts'
import { accessKeyClaims, serverConditionValues, type ServerCredential } from '../policy/server-request/condition-map.ts'
import type { S3Check } from '../policy/server-request/s3-operations.ts'
import { toConditionValues } from '../policy/index.ts'
import type { ConditionValues } from '../policy/index.ts'
import { canonicalHeaderKey } from '../policy/text/go-text.ts'

/**
 * The tester's request → the condition map the server builds for one check (serverConditionValues),
 * with the user's overrides applied on top. An override replaces what the evaluator would read for
 * the key: the canonical-spelling entry is dropped, so the raw short name is what it finds (§4.2).
 */

type Principal = Pick<TesterPrincipal, 'userName' | 'isRoot' | 'accessKey'>

/** The credential the server resolves for the tester's principal. */
export function credentialOf(principal: Principal): ServerCredential {
  const user = principal.userName ?? ''
  const root = principal.isRoot === true ? { rootAccessKey: user } : {}
  if (!principal.accessKey) return { accessKey: user, ...root }
  const name = principal.accessKey.name ?? `${user}-access-key`
  return { accessKey: name, parentUser: user, ...root, claims: accessKeyClaims(name, user, principal.accessKey.sessionPolicy !== null) }
}

export interface BuiltMap {
  values: ConditionValues
  filled: FilledEntry[]
}

/** The map for one check: the server's (request transport + the check's headers and form), then the overrides. */
export function conditionMapFor(request: TesterRequest, principal: Principal, check: Pick<S3Check, 'headers' | 'form'>, now: Date): BuiltMap {
  const { transport } = request
  const server = serverConditionValues({
    now,
    credential: credentialOf(principal),
    secureTransport: transport.secureTransport,
    sourceIp: transport.sourceIp,
    authType: transport.authType,
    headers: { ...transport.headers, ...check.headers },
    form: { ...transport.query, ...check.form },
  })
  const values: ConditionValues = { ...server.values }
  const filled: FilledEntry[] = server.entries.map((entry) => ({ ...entry, overridden: false }))
  for (const [key, override] of Object.entries(toConditionValues(request.conditions))) {
    const canonical = canonicalHeaderKey(key)
    for (const name of new Set([canonical, key])) {
      if (!Object.hasOwn(values, name)) continue
      delete values[name]
      for (const entry of filled) if (entry.key === name) entry.overridden = true
    }
    Object.defineProperty(values, key, { value: override, enumerable: true, writable: true, configurable: true })
    filled.push({ key, values: override, source: 'override', overridden: false })
  }
  return { values, filled }
}
