/**
 * Per condition operator: which policy values, or which request values, would make a condition
 * hold (for an Allow that fails on it) or fail (for a Deny it lets through). These only PROPOSE
 * values; every proposal is verified by re-evaluating with the evaluator itself (why-not.ts).
 */
import type { ConditionTrace } from '../types.ts'
import { matchWildcard } from '../text/wildcard.ts'
import { networkContains, parseCidr, parseIp } from '../text/ip.ts'

interface Operator {
  family: 'string' | 'like' | 'binary' | 'ip' | 'null' | 'bool' | 'numeric' | 'date'
  negated: boolean
  /** The comparison of numeric and date operators: Equals, NotEquals, LessThan, … */
  comparison: string
}

function operatorOf(trace: Pick<ConditionTrace, 'operator'>): Operator {
  const name = trace.operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '')
  const comparison = name.replace(/^(Numeric|Date)/, '')
  if (name.startsWith('Numeric')) return { family: 'numeric', negated: false, comparison }
  if (name.startsWith('Date')) return { family: 'date', negated: false, comparison }
  if (name === 'BinaryEquals') return { family: 'binary', negated: false, comparison }
  if (name === 'Null' || name === 'Bool') return { family: name === 'Null' ? 'null' : 'bool', negated: false, comparison }
  if (name.endsWith('IpAddress')) return { family: 'ip', negated: name === 'NotIpAddress', comparison }
  return { family: name.includes('Like') ? 'like' : 'string', negated: name.includes('Not'), comparison }
}

type Offsets = Record<string, number>
// Policy side: the value v for which `request <cmp> v` holds / fails.
const POLICY_HOLDS: Offsets = { Equals: 0, NotEquals: 1, LessThan: 1, LessThanEquals: 0, GreaterThan: -1, GreaterThanEquals: 0 }
const POLICY_FAILS: Offsets = { Equals: 1, NotEquals: 0, LessThan: 0, LessThanEquals: -1, GreaterThan: 0, GreaterThanEquals: 1 }
// Request side: the value x for which `x <cmp> policy` holds / fails.
const REQUEST_HOLDS: Offsets = { Equals: 0, NotEquals: 1, LessThan: -1, LessThanEquals: 0, GreaterThan: 1, GreaterThanEquals: 0 }
const REQUEST_FAILS: Offsets = { Equals: 1, NotEquals: 0, LessThan: 0, LessThanEquals: 1, GreaterThan: 0, GreaterThanEquals: -1 }

const dateText = (milliseconds: number) => new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** `value` moved by the comparison's offset: an integer for numeric operators, seconds for dates. */
function shifted(family: Operator['family'], comparison: string, value: string, offsets: Offsets): string | undefined {
  const offset = offsets[comparison] ?? 0
  if (family === 'numeric') {
    const number = Number(value)
    return Number.isSafeInteger(number) ? String(number + offset) : undefined
  }
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : dateText(time + offset * 1000)
}

const hostRoute = (ip: string) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`)
const isInside = (cidr: string, ip: string) => {
  const network = parseCidr(cidr)
  const address = parseIp(ip)
  return network !== undefined && address !== undefined && networkContains(network, address)
}

/**
 * The policy values that would make the condition `want` (true: an Allow's condition holds; false:
 * a Deny's condition fails) for the request values in the trace; undefined when no value list can.
 */
export function policyValuesFor(trace: ConditionTrace, want: boolean): string[] | undefined {
  const { family, negated, comparison } = operatorOf(trace)
  const request = trace.requestValues
  const policy = trace.policyValues
  if (family === 'null') return [String(request.length === 0 ? want : !want)]
  if (request.length === 0) return undefined
  if (family === 'bool') return [want ? request[0]! : String(request[0] !== 'true')]
  if (family === 'numeric' || family === 'date') {
    const value = shifted(family, comparison, request[0]!, want ? POLICY_HOLDS : POLICY_FAILS)
    return value === undefined ? undefined : [value]
  }
  // Adding the request's values makes a positive operator hold and a negated one fail; removing the
  // policy values that match them does the opposite.
  const add = want !== negated
  const matches = (value: string) => request.some((item) => (family === 'ip' ? isInside(value, item) : family === 'like' ? matchWildcard(value, item) : value === item))
  if (add) {
    if (family === 'binary') return undefined
    return [...new Set([...policy, ...request.map((item) => (family === 'ip' ? hostRoute(item) : item))])]
  }
  const kept = policy.filter((value) => !matches(value))
  return kept.length === 0 || kept.length === policy.length ? undefined : kept
}

const OUTSIDE_IPS = ['192.0.2.1', '198.51.100.1', '203.0.113.1']

function firstHost(cidr: string): string | undefined {
  const [address, bits] = cidr.split('/')
  if (address === undefined || address.includes(':')) return address
  const octets = address.split('.').map(Number)
  if (Number(bits) < 32) octets[3] = (octets[3] ?? 0) + 1
  return octets.join('.')
}

/** A concrete value a StringLike pattern matches: `*` matches nothing, `?` one `x`. */
const concrete = (pattern: string) => pattern.replaceAll('*', '').replaceAll('?', 'x')

/**
 * Request values that would make the condition `want`, with how the key would have to be
 * described ("in 10.0.0.0/8"); undefined when the request cannot be changed to that.
 */
export function requestValuesFor(trace: ConditionTrace, want: boolean): { values: string[]; need: string } | undefined {
  const { family, negated, comparison } = operatorOf(trace)
  const policy = trace.policyValues.filter((value) => !value.includes('${'))
  const first = policy[0]
  if (first === undefined || family === 'null' || family === 'binary') return undefined
  const list = policy.join(', ')
  if (family === 'bool') return { values: [want ? first : String(first !== 'true')], need: `be ${want ? first : String(first !== 'true')}` }
  if (family === 'numeric' || family === 'date') {
    const value = shifted(family, comparison, first, want ? REQUEST_HOLDS : REQUEST_FAILS)
    return value === undefined ? undefined : { values: [value], need: `be ${value} (${trace.operator} ${first} ${want ? 'holds' : 'fails'})` }
  }
  const inside = want !== negated
  if (family === 'ip') {
    const value = inside ? firstHost(first) : OUTSIDE_IPS.find((ip) => !policy.some((cidr) => isInside(cidr, ip)))
    return value === undefined ? undefined : { values: [value], need: `be ${inside ? 'in' : 'outside'} ${list}` }
  }
  const value = inside ? (family === 'like' ? concrete(first) : first) : 'gatehouse-other-value'
  return { values: [value], need: inside ? `${family === 'like' ? 'match' : 'be one of'} ${list}` : `not ${family === 'like' ? 'match' : 'be one of'} ${list}` }
}

/** Keys that say who the principal is: changing them means asking as someone else, not changing the request. */
export function isIdentityKey(key: string): boolean {
  return /^(aws:(username|userid|principaltype|groups)|jwt:|ldap:|sts:|svc:)/i.test(key)
}
