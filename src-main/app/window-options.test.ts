import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl, mainWindowOptions } from './window-options.ts'

describe('mainWindowOptions', () => {
  const preferences = mainWindowOptions('/app/out/preload/index.cjs').webPreferences ?? {}

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
})

describe('isTrustedRendererUrl', () => {
  it('trusts only our renderer file in production', () => {
    expect(isTrustedRendererUrl('file:///opt/Gatehouse/resources/app/out/renderer/index.html', undefined)).toBe(true)
    expect(isTrustedRendererUrl('file:///etc/passwd', undefined)).toBe(false)
    expect(isTrustedRendererUrl('https://evil.example/renderer/index.html', undefined)).toBe(false)
  })
  it('trusts only the dev server origin in development', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isTrustedRendererUrl('not a url', 'http://localhost:5173')).toBe(false)
  })
})
