import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES } from './channels.ts'
import { CHANNELS } from './contract.ts'

describe('CHANNEL_NAMES (the preload allow-list)', () => {
  it('is exactly the contract channel set, each name once', () => {
    const listed = new Set<string>(CHANNEL_NAMES)
    const missing = CHANNELS.filter((channel) => !listed.has(channel))
    const extra = CHANNEL_NAMES.filter((channel) => !(CHANNELS as readonly string[]).includes(channel))
    expect({ missing, extra }, 'add new contract channels to src-main/api/channels.ts').toEqual({ missing: [], extra: [] })
    expect(listed.size).toBe(CHANNEL_NAMES.length)
  })
})
