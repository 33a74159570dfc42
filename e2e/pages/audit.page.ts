import { expect, type Locator, type Page } from '@playwright/test'

/** The Audit trail screen: filters, the event list, an event's detail, verify and export. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit trail', exact: true }).click()
    await expect(this.page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible()
  }

  rows(): Locator {
    return this.page.getByTestId('audit-row')
  }

  row(action: string, target: string): Locator {
    return this.page.locator(`[data-testid="audit-row"][data-action="${action}"][data-target="${target}"]`)
  }

  /** Where the (first) row of `action` is drawn, in page pixels. */
  async rowTop(action: string): Promise<number> {
    const box = await this.page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first().boundingBox()
    return box?.y ?? Number.NaN
  }

  count(): Locator {
    return this.page.getByTestId('audit-count')
  }

  /** Scrolls the virtualised list to its end, as a person dragging the scrollbar would. */
  async scrollListToEnd(): Promise<void> {
    await this.page.getByRole('list', { name: 'Events' }).evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  }

  /** Looks up a policy's history (on one connection, when named); returns the history section. */
  async policyHistory(policyName: string, connectionName?: string): Promise<Locator> {
    const section = this.page.getByRole('region', { name: 'Policy history' })
    await section.getByLabel('Policy name').fill(policyName)
    if (connectionName) await section.getByLabel('Connection').selectOption({ label: connectionName })
    await section.getByRole('button', { name: 'Show history' }).click()
    return section
  }

  /** Asks to restore a version of the history shown; the confirmation dialog, still open. */
  async askRestore(policyName: string, version: number): Promise<Locator> {
    await this.page.getByRole('region', { name: 'Policy history' }).getByRole('button', { name: `Restore version ${version}`, exact: true }).click()
    const dialog = this.page.getByRole('dialog', { name: `Restore version ${version} of '${policyName}'?` })
    await expect(dialog).toBeVisible()
    return dialog
  }

  async search(text: string): Promise<void> {
    const filters = this.page.getByRole('form', { name: 'Audit filters' })
    await filters.getByLabel('Search').fill(text)
    await filters.getByRole('button', { name: 'Apply filters' }).click()
  }

  async openEvent(action: string, target: string): Promise<Locator> {
    await this.row(action, target).first().getByRole('button').click()
    const detail = this.page.getByTestId('audit-detail')
    await expect(detail).toBeVisible()
    return detail
  }

  async verify(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click()
    return this.page.getByTestId('verify-result')
  }

  async download(format: 'CSV' | 'JSON Lines') {
    await this.page.getByLabel('Export format').selectOption({ label: format })
    const download = this.page.waitForEvent('download')
    await this.page.getByRole('button', { name: 'Download export' }).click()
    return download
  }
}
