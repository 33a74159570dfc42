import { chromium } from '@playwright/test'
import Database from 'better-sqlite3'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures.ts'

/** Every file under `dir` (Chromium's profile: History, Session Storage, Sessions, caches…). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name)).filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile())
}

// The printed URL carries a one-time ticket; the token itself must never be in a URL, so neither
// the navigation entries nor Chromium's History file (read after the browser closed) can hold it.
test('the browser-mode token never enters the browser history', async ({ freshApp }) => {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-chromium-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    const openUrl = freshApp.openUrl
    await page.goto(openUrl)
    await expect(page.getByRole('button', { name: 'Add your first connection' })).toBeVisible()
    expect(page.url()).toBe(`${freshApp.url}/`)
    const navigations = (await page.evaluate("performance.getEntriesByType('navigation').map((entry) => entry.name)")) as string[]
    expect(navigations).toHaveLength(1)
    for (const url of navigations) expect(url).not.toContain(freshApp.token)
    expect(problems).toEqual([])
    await context.close()

    const historyDb = new Database(join(profile, 'Default', 'History'), { readonly: true, fileMustExist: true })
    const urls = historyDb.prepare('SELECT url FROM urls').pluck().all() as string[]
    historyDb.close()
    expect(urls.some((url) => url.startsWith(freshApp.url))).toBe(true)
    for (const url of urls) expect(url).not.toContain(freshApp.token)
    // What History does hold is a spent ticket: it opens nothing any more.
    const ticket = new URL(openUrl).hash.replace('#ticket=', '')
    const replay = await fetch(`${freshApp.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket }) })
    expect(replay.status).toBe(401)
    // Where the token is on disk, for the report: sessionStorage is the tab's store.
    const holding = filesUnder(profile).filter((path) => readFileSync(path).includes(freshApp.token))
    console.log(`files in the Chromium profile holding the token: ${JSON.stringify(holding.map((path) => path.slice(profile.length)))}`)
    for (const path of holding) expect(path).not.toMatch(/History|Sessions|Current Session|Last Session|Tabs/)
  } finally {
    await context.close().catch(() => {})
    rmSync(profile, { recursive: true, force: true })
  }
})
