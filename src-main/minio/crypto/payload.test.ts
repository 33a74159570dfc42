import { describe, expect, it } from 'vitest'
import {
  decryptPayload,
  encryptPayload,
  isEncryptedPayload,
  NotAuthenticError,
  PayloadFormatError,
  type PayloadAlgorithm,
} from './payload.ts'
import { openStream, sealStream } from './sio-stream.ts'

const hex = (text: string) => Buffer.from(text, 'hex')

// madmin v3.0.109 encrypt_test.go: Go-made ciphertexts (id 0) of all-zero plaintexts.
const MADMIN_VECTORS = [
  {
    password: '',
    length: 0,
    data: '828aa81599df0651c0461adb82283e8b89956baee9f6e719947ef9cddc849028001dc9d3ac0938f66b07bacc9751437e1985f8a9763c240e81',
  },
  {
    password: 'xPl.8/rhR"Q_1xLt',
    length: 32,
    data: 'b5c016e93b84b473fc8a37af94936563630c36d6df1841d23a86ee51ca161f9e00ac19116b32f643ff6a56a212b265d8c56195bb0d12ce199e13dfdc5272f80c1564da2c6fc2fa18da91d8062de02af5cdafea491c6f3cae1f',
  },
  {
    password: '7h5oU4$te{;K}fgqlI^]',
    length: 256,
    data:
      'c58edf7cfd557b6b655de6f48b1a3049d8d049dadb3a7bfa9ac9ccbb5baf37ec00f83086a26f43b7d6bc9075ad038bf5741f118d502ebe94165e4072ba7f98535d6b1e3b6ae67a98115d146d9b4d90e4df4ae82df9cfa17ed7cd42' +
      '465181559f7ddf09c98beec521bb4478e0cb73c4e0827af8688ff4e7a07327a10d5a180035e6ddb16d974a85257981cd9e0360a20f7b4d653190267dfb241148f018ae180568042e864b9e1b5bc05425a3abc2b0324f50c72d5679' +
      '8f924405dfc0f8523f4bb564ed65af8e1b1c82a7a0640552ecf81985d95d0993d99172592ddc1393dfa63e8f0b3d744b2cc4b73384ca4693f0c1aec0e9b00e85f2937e891105d67da8f59c14ca96608e0425c42f9c1e7c2a8b3413' +
      'e1381784f9cfe01de7c47cea1f8d7a7d88f5d4aca783cf55332b47f957a6b9a65269d7eb606b877b',
  },
]

// sio-go v0.3.1 test_vectors.json: AES-128-GCM with BufSize 16 exercises packaging, flags and counter.
const SIO_VECTORS = [
  {
    key: '10000000000000000000000000000000',
    nonce: '0000000000000002',
    aad: '',
    length: 17,
    ciphertext:
      '691deb7b9ccbee91f48d12c7ad5fe3cd4e1e5e7d394f06b91228ec9a5dd2456ac7de9502a0b4010fb1ee1db94e940458fb',
  },
  {
    key: '20000000000000000000000000000000',
    nonce: '2000000000000000',
    aad: '00',
    length: 32,
    ciphertext:
      'f58d8fef7ac7782a4361a79c07f5e6c4672d8a45e6cb9ef67cb7177897358deb8d338d313d44f78e0b68a3723d7ca0fe5f62aa8af0a72e508f5d5f8491ecedb2',
  },
]

describe('sio-go stream', () => {
  it.each(SIO_VECTORS)(
    'matches the official vector ($length bytes)',
    ({ key, nonce, aad, length, ciphertext }) => {
      const sealed = sealStream('aes-128-gcm', hex(key), hex(nonce), Buffer.alloc(length), hex(aad), 16)
      expect(sealed.toString('hex')).toBe(ciphertext)
      expect(openStream('aes-128-gcm', hex(key), hex(nonce), hex(ciphertext), hex(aad), 16)).toEqual(
        Buffer.alloc(length),
      )
    },
  )

  it('detects truncation at a package boundary and a dropped byte', () => {
    const [vector] = SIO_VECTORS
    const sealed = hex(vector!.ciphertext)
    expect(() =>
      openStream(
        'aes-128-gcm',
        hex(vector!.key),
        hex(vector!.nonce),
        sealed.subarray(0, 32),
        new Uint8Array(),
        16,
      ),
    ).toThrow(NotAuthenticError)
    expect(() =>
      openStream(
        'aes-128-gcm',
        hex(vector!.key),
        hex(vector!.nonce),
        sealed.subarray(0, sealed.length - 1),
        new Uint8Array(),
        16,
      ),
    ).toThrow(NotAuthenticError)
  })
})

describe('madmin payload envelope', () => {
  it.each(MADMIN_VECTORS)(
    'decrypts the madmin Go vector of $length bytes',
    async ({ password, length, data }) => {
      expect(isEncryptedPayload(hex(data))).toBe(true)
      expect(await decryptPayload(password, hex(data))).toEqual(Buffer.alloc(length))
    },
  )

  it.each([0, 1, 2] as PayloadAlgorithm[])(
    'round-trips id %i across package boundaries with a fresh salt and nonce',
    async (algorithm) => {
      const plaintext = Buffer.alloc(16_384 * 2 + 5, 7)
      const first = await encryptPayload('s3cr3t+key', plaintext, algorithm)
      const second = await encryptPayload('s3cr3t+key', plaintext, algorithm)
      expect(first[32]).toBe(algorithm)
      expect(first.length).toBe(41 + plaintext.length + 16 * 3)
      expect(first.subarray(0, 41).equals(second.subarray(0, 41))).toBe(false)
      expect(await decryptPayload('s3cr3t+key', first)).toEqual(plaintext)
    },
  )

  it('round-trips the empty body and an exact multiple of the package size', async () => {
    expect(await decryptPayload('k', await encryptPayload('k', new Uint8Array(), 2))).toEqual(Buffer.alloc(0))
    const exact = Buffer.alloc(16_384, 1)
    const sealed = await encryptPayload('k', exact, 2)
    expect(sealed.length).toBe(41 + 16_384 + 16)
    expect(await decryptPayload('k', sealed)).toEqual(exact)
  })

  it('rejects a wrong key, a tampered byte anywhere and truncated data', async () => {
    const sealed = await encryptPayload('right', Buffer.from('{"secretKey":"x"}'), 2)
    await expect(decryptPayload('wrong', sealed)).rejects.toThrow(NotAuthenticError)
    for (const position of [0, 35, 41, sealed.length - 1]) {
      const tampered = Buffer.from(sealed)
      tampered[position]! ^= 0x01
      await expect(decryptPayload('right', tampered)).rejects.toThrow(NotAuthenticError)
    }
    await expect(decryptPayload('right', sealed.subarray(0, sealed.length - 1))).rejects.toThrow(
      NotAuthenticError,
    )
    await expect(decryptPayload('right', sealed.subarray(0, 50))).rejects.toThrow(NotAuthenticError)
    await expect(decryptPayload('right', sealed.subarray(0, 40))).rejects.toThrow(PayloadFormatError)
  })

  it('rejects an unknown algorithm id', async () => {
    const sealed = await encryptPayload('k', Buffer.from('x'), 2)
    sealed[32] = 3
    await expect(decryptPayload('k', sealed)).rejects.toThrow(/invalid encryption algorithm ID 3/)
  })

  it('rejects a tampered Argon2id ciphertext (id 0) and one cut at a package boundary (id 1)', async () => {
    const vector = hex(MADMIN_VECTORS[1]!.data)
    vector[60]! ^= 0x80
    await expect(decryptPayload(MADMIN_VECTORS[1]!.password, vector)).rejects.toThrow(NotAuthenticError)
    const twoPackages = await encryptPayload('k', Buffer.alloc(16_384 + 1), 1)
    await expect(decryptPayload('k', twoPackages.subarray(0, 41 + 16_400))).rejects.toThrow(NotAuthenticError)
  })
})
