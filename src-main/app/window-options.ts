import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The main window's options as a pure function, so the security settings are unit-tested:
 * an isolated, sandboxed renderer with no Node, no webview, no remote content. DevTools only
 * when not packaged (a packaged build has no way to open them).
 */
export function mainWindowOptions(
  preloadPath: string,
  options: { devTools: boolean },
): BrowserWindowConstructorOptions {
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
      devTools: options.devTools,
    },
  }
}
