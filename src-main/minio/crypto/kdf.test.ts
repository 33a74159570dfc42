import { argon2id } from '@noble/hashes/argon2.js'
import { describe, expect, it } from 'vitest'
import { argon2Backend, deriveArgon2Key } from './kdf.ts'

describe('deriveArgon2Key', () => {
  it('equals an independent pure-JS Argon2id with madmin parameters', async () => {
    const password = Buffer.from('xPl.8/rhR"Q_1xLt')
    const salt = Buffer.alloc(32, 9)
    const expected = argon2id(password, salt, { t: 1, m: 64 * 1024, p: 4, dkLen: 32 })
    expect(Buffer.from(await deriveArgon2Key(password, salt))).toEqual(Buffer.from(expected))
  })

  it('uses an off-thread backend on Node >= 22', () => {
    if (Number(process.versions.node.split('.')[0]) >= 22)
      expect(['native', 'node-crypto']).toContain(argon2Backend())
  })
})
