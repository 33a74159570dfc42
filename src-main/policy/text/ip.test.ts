import { describe, expect, it } from 'vitest'
import { formatNetwork, networkContains, parseCidr, parseIp } from './ip.ts'

const contains = (cidr: string, ip: string) => networkContains(parseCidr(cidr)!, parseIp(ip)!)

describe('parseIp (Go net.ParseIP)', () => {
  it('accepts dotted quads and IPv6 forms', () => {
    for (const ip of ['10.0.0.1', '0.0.0.0', '::', '::1', '2001:db8::1', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:8']) expect(parseIp(ip), ip).toBeDefined()
  })

  it('rejects what Go rejects', () => {
    for (const ip of ['010.0.0.1', '1.2.3', '256.0.0.1', 'fe80::1%eth0', '[::1]', '10.0.0.1:80', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '12345::', ' 10.0.0.1', '']) {
      expect(parseIp(ip), ip).toBeUndefined()
    }
  })
})

describe('parseCidr / networkContains (Go net.ParseCIDR, IPNet.Contains)', () => {
  it('clears host bits and accepts leading zeros in the length', () => {
    expect(contains('10.1.2.3/8', '10.200.0.1')).toBe(true)
    expect(contains('10.0.0.1/08', '10.9.9.9')).toBe(true)
    expect(parseCidr('10.0.0.1/33')).toBeUndefined()
    expect(parseCidr('10.0.0.1')).toBeUndefined()
  })

  it('treats IPv4-mapped addresses as IPv4, including the /96 quirk', () => {
    expect(contains('10.0.0.0/8', '::ffff:10.0.0.9')).toBe(true)
    expect(contains('::ffff:0:0/96', '8.8.8.8')).toBe(true)
    expect(contains('::/0', '8.8.8.8')).toBe(false)
    expect(contains('0.0.0.0/0', '2001:db8::1')).toBe(false)
    expect(contains('2001:db8::1/32', '2001:db8:ffff::1')).toBe(true)
  })

  it('prints networks like IPNet.String()', () => {
    expect(formatNetwork(parseCidr('10.1.2.3/8')!)).toBe('10.0.0.0/8')
    expect(formatNetwork(parseCidr('::ffff:0:0/96')!)).toBe('0.0.0.0/0')
    expect(formatNetwork(parseCidr('2001:0db8:0:0:1:0:0:1/128')!)).toBe('2001:db8::1:0:0:1/128')
    expect(formatNetwork(parseCidr('1:0:0:2::/64')!)).toBe('1:0:0:2::/64')
  })
})
