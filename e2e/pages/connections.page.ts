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

  async add(fields: { name: string; endpoint: string; accessKey: string; secretKey: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add connection', exact: true }).click()
    const form = this.page.getByRole('form', { name: 'Add connection' })
    await form.getByLabel('Name').fill(fields.name)
    await form.getByLabel('Endpoint URL').fill(fields.endpoint)
    await form.getByLabel('Access key').fill(fields.accessKey)
    await form.getByLabel('Secret key').fill(fields.secretKey)
    await form.getByRole('button', { name: 'Save connection' }).click()
    await expect(form).toBeHidden()
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="connection-row"][data-name="${name}"]`)
  }

  async test(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Test connection' }).click()
  }
}
