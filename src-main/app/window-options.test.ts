import { describe, expect, it } from 'vitest'
import { mainWindowOptions } from './window-options.ts'

describe('mainWindowOptions', () => {
  const preferences =
    mainWindowOptions('/app/out/preload/index.cjs', { devTools: false }).webPreferences ?? {}

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    })
  })

  it('loads only our CommonJS preload', () => {
    expect(preferences.preload).toBe('/app/out/preload/index.cjs')
  })

  it('allows DevTools only when asked (never in a packaged build)', () => {
    expect(preferences.devTools).toBe(false)
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true)
  })
})
