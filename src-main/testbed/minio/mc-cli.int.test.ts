import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMinio, type MinioServer } from './minio-server.ts'
import { createMc } from './mc-cli.ts'

// The test beds' root secrets are random base64url, so one in 64 begins with '-'; mc must still sign with it.
describe('createMc', () => {
  let minio: MinioServer
  beforeAll(async () => {
    minio = await startMinio({ rootSecretKey: '-GaeMo7KLmfwkD4naxFTzco_vD0EZfeK' })
  })
  afterAll(() => minio.stop())

  it('reaches a server whose root secret begins with a dash', async () => {
    const root = { endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey }
    const mc = await createMc({ kind: 'single', nodes: [minio], root, stop: () => minio.stop() })
    try {
      expect(await mc.json('admin', 'info', 'ALIAS')).toMatchObject({ status: 'success' })
    } finally {
      mc.cleanup()
    }
  })
})
