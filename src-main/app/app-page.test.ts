import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { appPage } from './app-page.ts'

describe('appPage (production: our own index.html only)', () => {
  const file = '/opt/Gatehouse/resources/app.asar/out/renderer/index.html'
  const { url, isAppPage } = appPage(file, undefined)

  it('loads and trusts exactly our index.html file URL (a fragment is fine)', () => {
    expect(url).toBe(pathToFileURL(file).href)
    expect(isAppPage(url)).toBe(true)
    expect(isAppPage(`${url}#token=x`)).toBe(true)
  })

  it('refuses other files that merely end in renderer/index.html, queries, other schemes', () => {
    const refused = [
      'file:///tmp/evil/out/renderer/index.html',
      'file:///opt/Gatehouse/resources/app.asar/out/renderer/index.html.evil',
      'file:///opt/Gatehouse/resources/app.asar/out/renderer/../../../evil/renderer/index.html',
      `${url}?x=1`,
      'file://remote-host/opt/Gatehouse/resources/app.asar/out/renderer/index.html',
      'https://evil.example/opt/Gatehouse/resources/app.asar/out/renderer/index.html',
      'about:blank',
      'not a url',
      '',
    ]
    expect(refused.filter(isAppPage)).toEqual([])
  })

  it('compares parsed URLs: percent-encoding of the install path does not matter', () => {
    const spaced = appPage('/opt/My Apps/Gatehouse/out/renderer/index.html', undefined)
    expect(spaced.isAppPage('file:///opt/My%20Apps/Gatehouse/out/renderer/index.html')).toBe(true)
    expect(spaced.isAppPage('file:///opt/My%20Apps/Gatehouse/out/renderer/index.htm')).toBe(false)
  })
})

describe('appPage (development: the dev server origin only)', () => {
  const { url, isAppPage } = appPage('/unused/index.html', 'http://localhost:5173/')

  it('loads the dev server and trusts its exact origin', () => {
    expect(url).toBe('http://localhost:5173/')
    expect(isAppPage('http://localhost:5173/')).toBe(true)
    expect(isAppPage('http://localhost:5173/src/main.ts')).toBe(true)
  })

  it('refuses another port, scheme or host, and our production file', () => {
    const refused = [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost:5173.evil.example/',
      'file:///unused/index.html',
    ]
    expect(refused.filter(isAppPage)).toEqual([])
  })

  it('refuses a dev server URL without an origin', () => {
    expect(() => appPage('/unused/index.html', 'file:///tmp/index.html')).toThrow('ELECTRON_RENDERER_URL')
    expect(() => appPage('/unused/index.html', 'localhost:5173')).toThrow('ELECTRON_RENDERER_URL')
  })
})
