/**
 * The IAM screens in Chromium on a real MinIO with 10,000 users, 200 groups, 500 policies and
 * 2,000 access keys (src-main/testbed/worlds/scale-deployment.ts), through browser mode: click → first
 * rows, data arrival → interactive, scroll frame p95/max, filter keystroke → updated list,
 * select-all, opening a user's detail, page errors — and, in the same browser and run, a plain
 * 10,000-row DOM list scrolled the same way as the control.
 * Targets: interactive ≤ 300 ms after the data arrives, frame p95 ≤ 20 ms and none over 50 ms,
 * filter ≤ 50 ms per keystroke, 0 page errors.
 * Run (after `npm run build`): `scripts/with-keyring.sh npx tsx bench/ui-scale.bench.ts`.
 */
import { chromium, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHandlers } from '../src-main/api/handlers.ts'
import { startBrowserMode } from '../src-main/browser/server.ts'
import { openAppServices } from '../src-main/services/open-app-services.ts'
import { startMinio } from '../src-main/testbed/minio/minio-server.ts'
import { fillScaleDeployment, scaleNames } from '../src-main/testbed/worlds/scale-deployment.ts'
import { USERS_ARRIVED_MARK } from '../src-renderer/lib/perf-marks.ts'

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ')
const ms = (value: number) => `${value.toFixed(0)} ms`
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN

// In the page: a frame recorder (rAF deltas) and a "next frame after a change" probe. Plain
// strings, so the Node-side TypeScript needs no DOM types.
const PAGE_PROBES = `
  window.__frames = null
  window.__startFrames = () => { window.__frames = []; let last = performance.now(); const tick = (now) => { if (!window.__frames) return; window.__frames.push(now - last); last = now; requestAnimationFrame(tick) }; requestAnimationFrame(tick) }
  window.__stopFrames = () => { const frames = window.__frames; window.__frames = null; return frames.slice(1) }
  // Resolves with the time from now until the first frame painted after predicate() holds.
  window.__until = (predicate) => new Promise((resolve) => { const start = performance.now(); const check = () => predicate() ? requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start))) : requestAnimationFrame(check); check() })
  // A keystroke starts when the page sees its keydown.
  document.addEventListener('keydown', () => { window.__typed = performance.now() }, true)
  // Users, measured inside the page (no driver polling in the span). Arm it, then click Users:
  // - click → first rows: from the click event to the frame that paints the first user row (in the
  //   warm round these are the rows already loaded);
  // - data arrival → interactive: from the renderer's mark when the users.list answer is in hand
  //   (${USERS_ARRIVED_MARK}) to the frame that paints the new list, or, when later, to the end of
  //   the last long task (> 50 ms) after the arrival, once the main thread has been quiet for 500 ms.
  window.__armUsers = (expected) => {
    const armed = performance.now()
    let clicked = null
    document.addEventListener('click', () => { clicked = performance.now() }, { capture: true, once: true })
    const longTasks = []
    const observer = new PerformanceObserver((list) => { for (const task of list.getEntries()) longTasks.push({ start: task.startTime, end: task.startTime + task.duration }) })
    observer.observe({ type: 'longtask' })
    window.__usersMeasured = new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('no users.list answer painted within 120 s of the click')), 120_000)
      let firstRows = null
      let arrived = null
      const settle = (painted) => {
        const after = longTasks.filter((task) => task.end > arrived)
        const lastEnd = Math.max(painted, ...after.map((task) => task.end))
        if (performance.now() - lastEnd < 500) return setTimeout(() => settle(painted), 50)
        observer.disconnect()
        resolve({ firstRows, painted: painted - arrived, interactive: lastEnd - arrived, longTasks: after.map((task) => Math.round(task.end - Math.max(task.start, arrived))) })
      }
      const frame = () => {
        if (clicked !== null && firstRows === null && document.querySelector('[data-testid=user-row]')) firstRows = performance.now() - clicked
        arrived ??= performance.getEntriesByName('${USERS_ARRIVED_MARK}').find((mark) => mark.startTime >= armed)?.startTime ?? null
        const list = document.querySelector('[role=list][aria-label=Users]')
        // This frame paints the new list; the task after it runs once it is painted.
        if (arrived !== null && list?.dataset.count === String(expected) && list.querySelector('[data-testid=user-row]')) return setTimeout(() => settle(performance.now()))
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
  }
`

async function scrollFrames(page: Page, selector: string): Promise<number[]> {
  const box = await page.locator(selector).boundingBox()
  if (!box) throw new Error(`${selector} is not on screen`)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.evaluate('window.__startFrames()')
  for (let tick = 0; tick < 60; tick++) {
    await page.mouse.wheel(0, 400)
    await page.waitForTimeout(16)
  }
  await page.waitForTimeout(200)
  return (await page.evaluate('window.__stopFrames()')) as number[]
}

function frameLine(label: string, frames: number[]): string {
  return `${label}: ${frames.length} frames, p50 ${ms(percentile(frames, 0.5))}, p95 ${ms(percentile(frames, 0.95))}, max ${ms(Math.max(...frames))}, over 50 ms: ${frames.filter((frame) => frame > 50).length}`
}

const minio = await startMinio()
const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-ui-bench-'))
const services = await openAppServices({ dataDir })
const app = await startBrowserMode({
  handlers: createHandlers(services, { transport: 'browser', version: 'bench' }),
  staticDir: join(import.meta.dirname, '..', 'out', 'renderer'),
  log: { warn: () => {}, error: (message) => console.error(message) },
})
const browser = await chromium.launch({ executablePath: process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  console.log(`Node ${process.version}, Chromium ${browser.version()}, load average at start: ${load()}`)
  const filled = await fillScaleDeployment(minio)
  console.log(`Deployment: ${JSON.stringify(filled.size)} filled in ${filled.seconds.total} s (${JSON.stringify(filled.seconds)})`)
  await services.connections.create({ name: 'bench', endpoint: minio.endpoint, accessKey: minio.rootAccessKey, secretKey: minio.rootSecretKey, tls: { allowSelfSigned: false } })

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
  await page.addInitScript({ content: PAGE_PROBES })

  // The control: a plain 10,000-row DOM list (no framework, no virtualisation), same browser, same scrolling.
  await page.setContent(`<div id="plain" style="height:480px;overflow-y:auto;width:600px">${Array.from({ length: 10_000 }, (_, index) => `<div style="height:38px">${scaleNames.user(index)}</div>`).join('')}</div>`)
  await page.evaluate(PAGE_PROBES)
  console.log(frameLine('Control, plain 10,000-row list, scroll', await scrollFrames(page, '#plain')))

  await page.goto(app.openUrl)
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'bench' })
  for (const round of ['cold', 'warm']) {
    if (round === 'warm') await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
    await page.evaluate(`window.__armUsers(${filled.size.users})`)
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Users', exact: true }).click()
    const users = (await page.evaluate('window.__usersMeasured')) as { firstRows: number; painted: number; interactive: number; longTasks: number[] }
    console.log(`Users (${round}): click → first rows ${ms(users.firstRows)}; data arrival → list painted ${ms(users.painted)}, → interactive ${ms(users.interactive)} (long tasks after the arrival: ${users.longTasks.length ? users.longTasks.map(ms).join(', ') : 'none'})`)
  }

  console.log(frameLine('Users list, 10,000 rows, scroll', await scrollFrames(page, '[role=list][aria-label=Users]')))

  const filter = page.getByRole('searchbox', { name: 'Filter users' })
  await filter.click()
  const keystrokes: number[] = []
  for (const char of 'user-0999') {
    await page.keyboard.type(char)
    // Svelte applies the input before the next frame, so the first frame painted after it shows the new list.
    keystrokes.push((await page.evaluate(`window.__until(() => document.querySelector('input[aria-label="Filter users"]').value.endsWith(${JSON.stringify(char)})).then(() => performance.now() - window.__typed)`)) as number)
  }
  console.log(`Filter keystroke → updated list ('user-0999', ${keystrokes.length} keys, now ${await page.locator('[aria-label=Users]').getAttribute('data-count')} shown): ${keystrokes.map((value) => value.toFixed(0)).join(', ')} ms; max ${ms(Math.max(...keystrokes))}`)
  await filter.fill('')
  await page.locator('[aria-label=Users][data-count="10000"]').waitFor()

  await page.evaluate(`window.__clicked = performance.now()`)
  await page.getByRole('checkbox', { name: 'Select all shown' }).check()
  const selectAll = (await page.evaluate(`window.__until(() => document.querySelector('[data-testid=bulk-count]')?.textContent === '10000 selected').then(() => performance.now() - window.__clicked)`)) as number
  console.log(`Select all shown (10,000): ${ms(selectAll)}`)
  await page.getByRole('button', { name: 'Clear selection' }).click()

  const opened = Date.now()
  await page.getByTestId('user-row').nth(3).click()
  await page.getByTestId('user-detail').waitFor()
  console.log(`Open a user's detail (click → detail, one users.get): ${ms(Date.now() - opened)}`)
  console.log(`Page errors and console errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`)
  console.log(`Load average at end: ${load()}`)
} finally {
  await browser.close()
  await app.close()
  for (const connection of await services.connections.list()) await services.connections.remove(connection.id)
  services.close()
  await minio.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
