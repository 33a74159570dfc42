import { expect, type Locator, type Page } from '@playwright/test'

/** The unlock screen shown before the app when the secrets live in the passphrase vault. */
export class VaultPage {
  constructor(private readonly page: Page) {}

  createForm(): Locator {
    return this.page.getByRole('form', { name: 'Create the secrets vault' })
  }

  unlockForm(): Locator {
    return this.page.getByRole('form', { name: 'Unlock the secrets vault' })
  }

  async create(passphrase: string, again = passphrase): Promise<void> {
    const form = this.createForm()
    await form.getByLabel('Passphrase', { exact: true }).fill(passphrase)
    await form.getByLabel('Passphrase again').fill(again)
    await form.getByRole('button', { name: 'Create vault' }).click()
  }

  async unlock(passphrase: string): Promise<void> {
    const form = this.unlockForm()
    await form.getByLabel('Passphrase').fill(passphrase)
    await form.getByRole('button', { name: 'Unlock' }).click()
  }

  storeLine(): Locator {
    return this.page.getByTestId('secret-store')
  }

  async expectApp(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible()
  }
}
