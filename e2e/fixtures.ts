import { test as base } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHandlers } from '../src-main/api/handlers.ts'
import { startBrowserMode, type BrowserModeServer } from '../src-main/browser/server.ts'
import { createAppServices, type AppServices } from '../src-main/services/app-services.ts'
import { startMinio, type MinioServer } from '../src-main/testbed/minio-server.ts'

export interface GatehouseWorld {
  minio: MinioServer
  app: BrowserModeServer
  services: AppServices
  dataDir: string
}

/**
 * One real MinIO and one browser-mode Gatehouse per worker, on a fresh data directory, with the
 * real keytar store (the suite runs under scripts/with-keyring.sh). Pages open the token URL.
 */
export const test = base.extend<object, { world: GatehouseWorld }>({
  world: [
    async ({}, use) => {
      const minio = await startMinio()
      const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'))
      const services = createAppServices({ dataDir })
      const app = await startBrowserMode({
        handlers: createHandlers(services, { transport: 'browser', version: 'e2e' }),
        staticDir: join(import.meta.dirname, '..', 'out', 'renderer'),
        log: { warn: () => {}, error: (message) => console.error(message) },
      })
      await use({ minio, app, services, dataDir })
      for (const connection of await services.connections.list()) await services.connections.remove(connection.id)
      await app.close()
      await minio.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
})

export { expect } from '@playwright/test'
