/**
 * IpAddress / NotIpAddress (§4.4): only aws:SourceIp; a value without `/` gets `/32` appended
 * (even IPv6); any unparsable request IP makes the base result false; qualifiers are ignored.
 */
import type { ConditionTrace, ConditionValues } from '../types.ts'
import { formatNetwork, networkContains, parseCidr, parseIp, type IpNetwork } from '../text/ip.ts'
import { goJsonString } from '../json/go-encode.ts'
import { lookupValues, valueText, type ConditionBuilder, type ConditionFunction, type ConditionKey } from './types.ts'

function isInside(networks: IpNetwork[], requestValues: string[]): { result: boolean; reason: string } {
  const addresses: Uint8Array[] = []
  for (const text of requestValues) {
    const address = parseIp(text)
    if (address === undefined) return { result: false, reason: `'${text}' is not an IP address` }
    addresses.push(address)
  }
  if (addresses.length === 0) return { result: false, reason: 'the key is missing from the request' }
  for (const address of addresses) {
    for (const network of networks) if (networkContains(network, address)) return { result: true, reason: 'a request IP is inside a policy network' }
  }
  return { result: false, reason: 'no request IP is inside any policy network' }
}

function makeFunction(name: string, negate: boolean, key: ConditionKey, networks: IpNetwork[], texts: string[]): ConditionFunction {
  return {
    operator: name,
    key,
    signature: `${name}:${key.full}:[${[...texts].sort().join(' ')}]`,
    get stored() {
      return { operator: name, values: networks.map((network) => goJsonString(formatNetwork(network))) }
    },
    evaluate(values: ConditionValues, trace: ConditionTrace[] | undefined): boolean {
      const requestValues = lookupValues(values, key)
      const base = isInside(networks, requestValues)
      const result = negate ? !base.result : base.result
      trace?.push({ operator: name, key: key.full, requestValues, policyValues: texts, matched: result, reason: base.reason })
      return result
    },
  }
}

function builder(name: string, negate: boolean): ConditionBuilder {
  return (key, values) => {
    const networks: IpNetwork[] = []
    const texts: string[] = []
    for (const value of values) {
      if (value.kind !== 'string') return { error: `value ${valueText(value)} must be string representation of CIDR for ${name} condition` }
      const text = value.text.includes('/') ? value.text : `${value.text}/32`
      const network = parseCidr(text)
      if (network === undefined) return { error: `value ${text} must be CIDR string for ${name} condition` }
      networks.push(network)
      texts.push(text)
    }
    if (key.name !== 'aws:SourceIp') return { error: `only aws:SourceIp key is allowed for ${name} condition` }
    return makeFunction(name, negate, key, networks, texts)
  }
}

export const ipBuilders: Record<string, ConditionBuilder> = {
  IpAddress: builder('IpAddress', false),
  NotIpAddress: builder('NotIpAddress', true),
}
