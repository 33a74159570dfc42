import { describe, expect, it } from 'vitest'
import { isLoopback } from './loopback.ts'

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '127.255.255.255', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true)
  })
  it.each(['127.0.0.1.nip.io', '127.evil.example', 'foo.localhost', 'localhost.example.com', '128.0.0.1', '10.0.0.1', '::2', '::ffff:10.0.0.1', '0.0.0.0', ''])('%s is not', (host) => {
    expect(isLoopback(host)).toBe(false)
  })
  it('reads hosts as URLs normalise them (127.1 and 0x7f.1 are 127.0.0.1)', () => {
    expect(isLoopback(new URL('http://127.1:9000').hostname)).toBe(true)
    expect(isLoopback(new URL('http://0x7f.1').hostname)).toBe(true)
    expect(isLoopback(new URL('http://[::ffff:127.0.0.1]').hostname)).toBe(true)
  })
})
