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

/** Starts browser-mode Gatehouse on its own data directory with the real keytar store. */
async function startApp(dataDir: string): Promise<{ app: BrowserModeServer; services: AppServices }> {
  const services = createAppServices({ dataDir })
  const app = await startBrowserMode({
    handlers: createHandlers(services, { transport: 'browser', version: 'e2e' }),
    staticDir: join(import.meta.dirname, '..', 'out', 'renderer'),
    log: { warn: () => {}, error: (message) => console.error(message) },
  })
  return { app, services }
}

/**
 * One real MinIO and one browser-mode Gatehouse per worker (shared by the spec files that worker
 * runs), on a fresh data directory, with the real keytar store (the suite runs under
 * scripts/with-keyring.sh). `freshApp` is a second Gatehouse with no connections, for first-run screens.
 */
export const test = base.extend<{ freshApp: BrowserModeServer }, { world: GatehouseWorld }>({
  freshApp: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-fresh-'))
    const { app, services } = await startApp(dataDir)
    await use(app)
    await app.close()
    services.close()
    rmSync(dataDir, { recursive: true, force: true })
  },
  world: [
    async ({}, use) => {
      const minio = await startMinio()
      const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'))
      const { app, services } = await startApp(dataDir)
      await use({ minio, app, services, dataDir })
      for (const connection of await services.connections.list()) await services.connections.remove(connection.id)
      await app.close()
      services.close()
      await minio.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
})

export { expect } from '@playwright/test'
