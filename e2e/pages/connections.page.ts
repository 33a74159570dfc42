import { expect, type Locator, type Page } from '@playwright/test'

/** The Connections screen: owns its selectors so specs read as steps. */
export class ConnectionsPage {
  constructor(private readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible()
  }

  emptyState(): Locator {
    return this.page.getByTestId('connections-empty')
  }

  async add(fields: { name: string; endpoint: string; accessKey: string; secretKey: string; sessionToken?: string; sessionExpiresAt?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add connection', exact: true }).click()
    const form = this.page.getByRole('form', { name: 'Add connection' })
    await form.getByLabel('Name').fill(fields.name)
    await form.getByLabel('Endpoint URL').fill(fields.endpoint)
    await form.getByLabel('Access key').fill(fields.accessKey)
    await form.getByLabel('Secret key').fill(fields.secretKey)
    if (fields.sessionToken) await form.getByLabel('Session token (temporary credentials only)').fill(fields.sessionToken)
    if (fields.sessionExpiresAt) await form.getByLabel('Expires at (optional, ISO time)').fill(fields.sessionExpiresAt)
    await form.getByRole('button', { name: 'Save connection' }).click()
    await expect(form).toBeHidden()
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="connection-row"][data-name="${name}"]`)
  }

  async test(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Test connection' }).click()
  }

  async edit(name: string): Promise<Locator> {
    await this.row(name).getByRole('button', { name: 'Edit' }).click()
    const form = this.page.getByRole('form', { name: 'Edit connection' })
    await expect(form).toBeVisible()
    return form
  }

  /** Every text the page holds: its HTML and the current value of each form field (not in the HTML). */
  async everyText(): Promise<string> {
    const values = await this.page.locator('input, textarea').evaluateAll((fields) => fields.map((field) => (field as unknown as { value: string }).value))
    return [await this.page.content(), ...values].join('\n')
  }
}
