import { pathToFileURL } from 'node:url'

/**
 * The one trust decision of the shell: is this URL our own renderer page? Navigation guards and
 * the IPC sender check all ask it. In production the page is exactly our index.html file URL
 * (a fragment is allowed, nothing else: no other file, no query, no suffix match); in development
 * it is the dev server's exact origin.
 */
export interface AppPage {
  /** What the window loads. */
  url: string
  isAppPage: (url: string) => boolean
}

export function appPage(rendererFile: string, devServerUrl: string | undefined): AppPage {
  if (devServerUrl) {
    const origin = parse(devServerUrl)?.origin
    if (!origin || origin === 'null')
      throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${devServerUrl}`)
    return { url: devServerUrl, isAppPage: (url) => parse(url)?.origin === origin }
  }
  const own = pathToFileURL(rendererFile).href
  return { url: own, isAppPage: (url) => withoutFragment(url) === own }
}

function withoutFragment(url: string): string | undefined {
  const parsed = parse(url)
  if (!parsed) return undefined
  parsed.hash = ''
  return parsed.href
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
