import type { Locator, Page } from '@playwright/test'

/** The Policies screen's "New from template" picker. Owns its selectors. */
export class TemplatePickerPage {
  constructor(private readonly page: Page) {}

  picker(): Locator {
    return this.page.getByTestId('template-picker')
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'New from template', exact: true }).click()
  }

  async fill(template: string, bucket: string, prefix: string): Promise<void> {
    await this.choose(template)
    await this.picker().getByRole('textbox', { name: 'Bucket' }).fill(bucket)
    await this.picker().getByRole('textbox', { name: 'Prefix' }).fill(prefix)
  }

  async choose(template: string): Promise<void> {
    await this.picker().getByRole('combobox', { name: 'Template' }).selectOption({ label: template })
  }

  preview(): Locator {
    return this.picker().getByTestId('template-preview')
  }

  problem(): Locator {
    return this.picker().getByTestId('template-problem')
  }

  async openAsDraft(): Promise<void> {
    await this.picker().getByRole('button', { name: 'Open as draft' }).click()
  }
}
