import { test as base, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHandlers } from '../src-main/api/handlers.ts'
import { startBrowserMode, type BrowserModeServer } from '../src-main/browser/server.ts'
import type { AppServices } from '../src-main/services/app-services.ts'
import { openAppServices } from '../src-main/services/open-app-services.ts'
import { startMinio, type MinioServer } from '../src-main/testbed/minio/minio-server.ts'
import { fillScaleDeployment, type ScaleReport } from '../src-main/testbed/worlds/scale-deployment.ts'

export interface GatehouseWorld {
  minio: MinioServer
  app: BrowserModeServer
  services: AppServices
  dataDir: string
}

/** Starts browser-mode Gatehouse on its own data directory with the store the app would choose (the real keytar). */
async function startApp(dataDir: string): Promise<{ app: BrowserModeServer; services: AppServices }> {
  const services = await openAppServices({ dataDir })
  const app = await startBrowserMode({
    handlers: createHandlers(services, { transport: 'browser', version: 'e2e' }),
    staticDir: join(import.meta.dirname, '..', 'out', 'renderer'),
    log: { warn: () => {}, error: (message) => console.error(message) },
  })
  return { app, services }
}

/** Collects the page's uncaught errors and console errors (with their location), as they arrive. */
export function watchPage(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${(error.stack ?? error.message).split('\n').slice(0, 4).join('\n')}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const { url, lineNumber } = message.location()
    problems.push(`console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`)
  })
  return problems
}

/**
 * One real MinIO and one browser-mode Gatehouse per worker (shared by the spec files that worker
 * runs), on a fresh data directory, with the real keytar store (the suite runs under
 * scripts/with-keyring.sh). `freshApp` is a second Gatehouse with no connections, for first-run screens.
 */
/** A real deployment of 10,000 users, 200 groups, 500 policies and 2,000 access keys (see scale-deployment.ts). */
export interface ScaleWorld extends GatehouseWorld {
  filled: ScaleReport
}

export const test = base.extend<{ freshApp: BrowserModeServer; pageProblems: string[] }, { world: GatehouseWorld; scaleWorld: ScaleWorld }>({
  // Every spec fails on any page error or console error: the page fixture collects them and the
  // test fails after its body if any arrived (an auto fixture, so no spec can forget it).
  pageProblems: [
    async ({ page }, use) => {
      const problems = watchPage(page)
      await use(problems)
      if (problems.length > 0) {
        throw new Error(`${problems.length} page or console error(s) during the test:\n${problems.join('\n')}`)
      }
    },
    { auto: true },
  ],
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
  // Its own MinIO and Gatehouse, so the other specs' servers stay small. Made once per worker, and
  // only by the specs that ask for it.
  scaleWorld: [
    async ({}, use) => {
      const minio = await startMinio()
      const filled = await fillScaleDeployment(minio)
      console.log(`scale deployment: ${JSON.stringify(filled)}`)
      const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-scale-'))
      const { app, services } = await startApp(dataDir)
      await use({ minio, app, services, dataDir, filled })
      for (const connection of await services.connections.list()) await services.connections.remove(connection.id)
      await app.close()
      services.close()
      await minio.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker', timeout: 600_000 },
  ],
})

export { expect } from '@playwright/test'
