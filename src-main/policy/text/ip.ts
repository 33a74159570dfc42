/**
 * Go's net.ParseIP / net.ParseCIDR / IPNet.Contains (on top of netip.ParseAddr), §10.5:
 * dotted quads without leading zeros, IPv6 with `::` and an embedded IPv4 tail, no zones;
 * IPv4-mapped addresses compare as IPv4, including Go's reinterpretation of mapped CIDRs.
 */

/** A network as Go's IPNet holds it: IP and mask of equal length 4 or 16 (after IP.Mask). */
export interface IpNetwork {
  ip: Uint8Array
  mask: Uint8Array
}

function parseIpv4Into(text: string, out: Uint8Array, at: number): boolean {
  const fields = text.split('.')
  if (fields.length !== 4) return false
  for (let index = 0; index < 4; index++) {
    const field = fields[index] as string
    if (!/^[0-9]{1,3}$/.test(field) || (field.length > 1 && field[0] === '0')) return false
    const value = Number(field)
    if (value > 255) return false
    out[at + index] = value
  }
  return true
}

function parseIpv6(text: string): Uint8Array | undefined {
  const ip = new Uint8Array(16)
  let rest = text
  let ellipsis = -1
  if (rest.startsWith('::')) {
    ellipsis = 0
    rest = rest.slice(2)
    if (rest === '') return ip
  }
  let index = 0
  while (index < 16) {
    const hex = /^[0-9a-fA-F]*/.exec(rest)?.[0] ?? ''
    if (hex.length === 0 || hex.length > 4) return undefined
    if (rest[hex.length] === '.') {
      if ((ellipsis < 0 && index !== 12) || index + 4 > 16) return undefined
      if (!parseIpv4Into(rest, ip, index)) return undefined
      rest = ''
      index += 4
      break
    }
    const value = parseInt(hex, 16)
    ip[index] = value >> 8
    ip[index + 1] = value & 0xff
    index += 2
    rest = rest.slice(hex.length)
    if (rest === '') break
    if (rest[0] !== ':' || rest.length === 1) return undefined
    rest = rest.slice(1)
    if (rest[0] === ':') {
      if (ellipsis >= 0) return undefined
      ellipsis = index
      rest = rest.slice(1)
      if (rest === '') break
    }
  }
  if (rest !== '') return undefined
  if (index < 16) {
    if (ellipsis < 0) return undefined
    const shift = 16 - index
    for (let j = index - 1; j >= ellipsis; j--) ip[j + shift] = ip[j] as number
    ip.fill(0, ellipsis, ellipsis + shift)
  } else if (ellipsis >= 0) {
    return undefined
  }
  return ip
}

/** netip.ParseAddr: returns the 16-byte form and whether the text was plain IPv4; undefined if invalid. */
function parseAddress(text: string): { bytes: Uint8Array; isIpv4: boolean } | undefined {
  for (const c of text) {
    if (c === '.') {
      const bytes = new Uint8Array(16)
      bytes[10] = 0xff
      bytes[11] = 0xff
      return parseIpv4Into(text, bytes, 12) ? { bytes, isIpv4: true } : undefined
    }
    if (c === ':') {
      if (text.includes('%')) return undefined
      const bytes = parseIpv6(text)
      return bytes === undefined ? undefined : { bytes, isIpv4: false }
    }
    if (c === '%') return undefined
  }
  return undefined
}

/** Go `net.ParseIP`: the 16-byte address, or undefined. */
export function parseIp(text: string): Uint8Array | undefined {
  return parseAddress(text)?.bytes
}

function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip
  for (let index = 0; index < 10; index++) if (ip[index] !== 0) return undefined
  return ip[10] === 0xff && ip[11] === 0xff ? ip.subarray(12) : undefined
}

function cidrMask(ones: number, bits: number): Uint8Array {
  const mask = new Uint8Array(bits / 8)
  for (let index = 0; index < mask.length; index++) {
    const take = Math.max(0, Math.min(8, ones - index * 8))
    mask[index] = (0xff00 >> take) & 0xff
  }
  return mask
}

/** Go `net.ParseCIDR`: the network (IP already masked, as Go's IP.Mask leaves it), or undefined. */
export function parseCidr(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/')
  if (slash < 0) return undefined
  const address = parseAddress(text.slice(0, slash))
  const lengthText = text.slice(slash + 1)
  // Go dtoi: decimal digits, leading zeros fine, anything from 0xFFFFFF up fails.
  if (address === undefined || !/^[0-9]+$/.test(lengthText)) return undefined
  const ones = Number(lengthText.replace(/^0+(?=.)/, '').slice(0, 9))
  if (ones >= 0xffffff) return undefined
  const bits = address.isIpv4 ? 32 : 128
  if (ones > bits) return undefined
  const mask = cidrMask(ones, bits)
  // Go IP.Mask: a 4-byte mask applies to the IPv4 tail of a mapped 16-byte address.
  const ip = mask.length === 4 ? address.bytes.slice(12) : address.bytes.slice()
  for (let index = 0; index < ip.length; index++) ip[index] = (ip[index] as number) & (mask[index] as number)
  return { ip, mask }
}

/** Go `IPNet.Contains` for a 16-byte request address from parseIp. */
export function networkContains(network: IpNetwork, address: Uint8Array): boolean {
  const base = to4(network.ip) ?? network.ip
  let mask = network.mask
  if (base.length !== 4 && base.length !== 16) return false
  if (mask.length === 4 && base.length !== 4) return false
  if (mask.length === 16 && base.length === 4) mask = mask.subarray(12)
  const ip = to4(address) ?? address
  if (ip.length !== base.length) return false
  for (let index = 0; index < ip.length; index++) {
    if (((base[index] as number) & (mask[index] as number)) !== ((ip[index] as number) & (mask[index] as number))) return false
  }
  return true
}

function formatIpv6(ip: Uint8Array): string {
  const groups: number[] = []
  for (let index = 0; index < 16; index += 2) groups.push(((ip[index] as number) << 8) | (ip[index + 1] as number))
  let bestStart = -1
  let bestLength = 1
  for (let start = 0; start < 8; start++) {
    let length = 0
    while (start + length < 8 && groups[start + length] === 0) length++
    if (length > bestLength) {
      bestStart = start
      bestLength = length
    }
  }
  const hex = groups.map((group) => group.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

/** Go `IPNet.String()` for a network from parseCidr: `10.0.0.0/8`, `2001:db8::/32` (mapped nets print as IPv4). */
export function formatNetwork(network: IpNetwork): string {
  const base = to4(network.ip) ?? network.ip
  const mask = network.mask.length === 16 && base.length === 4 ? network.mask.subarray(12) : network.mask
  let ones = 0
  for (const byte of mask) ones += [...byte.toString(2)].filter((bit) => bit === '1').length
  const address = base.length === 4 ? [...base].join('.') : formatIpv6(base)
  return `${address}/${ones}`
}
