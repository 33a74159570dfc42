import { expect, test } from './fixtures.ts'
import { TesterPage } from './pages/tester.page.ts'

// The CSP forbids inline style attributes (style-src-attr 'none'): Svelte's style: directives and
// CodeMirror's element styles go through the CSSOM, which CSP does not govern. CodeMirror's theme
// is a <style> element (style-mod uses constructed sheets only inside a shadow root), so
// style-src-elem still needs 'unsafe-inline'. Any violation fails this test.
test('the tester with its CodeMirror editor runs under the CSP without a violation', async ({ page, freshApp }) => {
  await page.addInitScript(`
    globalThis.cspViolations = []
    addEventListener('securitypolicyviolation', (event) => globalThis.cspViolations.push(event.violatedDirective + ': ' + event.sample))
  `)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
  const tester = new TesterPage(page)
  await tester.open(freshApp.openUrl)
  await tester.setDocument(0, 'read', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}')
  const editor = page.locator('.cm-editor').first()
  await expect(editor).toBeVisible()
  // CodeMirror's base theme applied (display: flex comes from its <style> element).
  expect(await page.evaluate("getComputedStyle(document.querySelector('.cm-editor')).display")).toBe('flex')
  const response = await page.request.get(freshApp.url)
  expect(response.headers()['content-security-policy']).toContain("style-src-attr 'none'")
  expect(await page.evaluate('globalThis.cspViolations')).toEqual([])
  expect(problems).toEqual([])
})
