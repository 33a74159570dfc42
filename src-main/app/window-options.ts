import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The main window's options as a pure function, so the security settings are unit-tested:
 * an isolated, sandboxed renderer with no Node, no webview, no remote content.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Gatehouse',
    backgroundColor: '#0f172a',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  }
}

/** True only for our own renderer document (file:// in production, the dev server in development). */
export function isTrustedRendererUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url)
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
    return parsed.protocol === 'file:' && parsed.pathname.endsWith('/renderer/index.html')
  } catch {
    return false
  }
}
