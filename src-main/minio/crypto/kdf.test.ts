import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { argon2id } from '@noble/hashes/argon2.js'
import { describe, expect, it } from 'vitest'
import { argon2Backend, deriveArgon2Key } from './kdf.ts'

const password = Buffer.from('xPl.8/rhR"Q_1xLt')
const salt = Buffer.alloc(32, 9)
const expected = Buffer.from(argon2id(password, salt, { t: 1, m: 64 * 1024, p: 4, dkLen: 32 })).toString(
  'hex',
)

describe('deriveArgon2Key', () => {
  it('equals an independent pure-JS Argon2id with madmin parameters', async () => {
    expect(Buffer.from(await deriveArgon2Key(password, salt)).toString('hex')).toBe(expected)
  })

  it('uses an off-thread backend on Node >= 22', () => {
    if (Number(process.versions.node.split('.')[0]) >= 22)
      expect(['native', 'node-crypto']).toContain(argon2Backend())
  })

  it.each(['node-crypto', 'wasm'])(
    'derives the same key with the %s fallback (Electron, Node 20)',
    (backend) => {
      const tsx = join(import.meta.dirname, '../../../node_modules/tsx/dist/cli.mjs')
      const output = execFileSync(
        process.execPath,
        [tsx, join(import.meta.dirname, '../../testbed/crypto/kdf-probe.fixture.ts')],
        {
          env: { ...process.env, GATEHOUSE_ARGON2: backend },
          encoding: 'utf8',
        },
      )
      expect(output.trim()).toBe(`${backend} ${expected}`)
    },
  )
})
