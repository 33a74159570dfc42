import { BlockList, isIP } from 'node:net'

// 127.0.0.0/8 and ::1; BlockList also matches their IPv4-mapped IPv6 forms (::ffff:127.0.0.1).
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/**
 * True only for a loopback address, decided by parsing the host as an IP: `127.0.0.1.nip.io` or
 * `127.evil.example` are names that any DNS can point anywhere, and so is `foo.localhost`; only the
 * literal name `localhost` is trusted as loopback. Accepts a URL's hostname (IPv6 in brackets or not).
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost') return true
  const family = isIP(host)
  if (family === 0) return false
  return LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6')
}
