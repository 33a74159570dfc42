import { test } from './fixtures.ts'
import { expect } from './pages/iam-shell.page.ts'

// The fixture itself: a page error or a console error fails the test after its body passed.
// test.fail() inverts the outcome, so this spec goes red if the fixture ever lets one through.
test('a page error fails the test', async ({ page, world }) => {
  test.fail()
  await page.goto(world.app.openUrl)
  await page.evaluate(() => setTimeout(() => { throw new Error('thrown by the page') }))
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
})

test('a console error fails the test', async ({ page, world }) => {
  test.fail()
  await page.goto(world.app.openUrl)
  await page.evaluate(() => console.error('logged by the page'))
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
})
