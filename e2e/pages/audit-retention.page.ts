import { expect, type Locator, type Page } from '@playwright/test'

/** The Retention panel of the Audit screen: status, the saved policy, and pruning by it. */
export class RetentionPanel {
  constructor(private readonly page: Page) {}

  region(): Locator {
    return this.page.getByRole('region', { name: 'Retention' })
  }

  /** The trail's event count as the panel shows it (`data-count`). */
  events(): Locator {
    return this.region().getByTestId('retention-events')
  }

  async eventCount(): Promise<number> {
    await expect(this.events()).toBeVisible()
    return Number(await this.events().getAttribute('data-count'))
  }

  /** How many events the saved policy would prune now (`data-count`, `data-covered`). */
  due(): Locator {
    return this.region().getByTestId('retention-due')
  }

  async savePolicy(limits: { maxAgeDays?: string; maxEvents?: string; maxSizeMiB?: string }): Promise<void> {
    const form = this.region().getByRole('form', { name: 'Retention policy' })
    await form.getByLabel('Maximum age (days)').fill(limits.maxAgeDays ?? '')
    await form.getByLabel('Maximum events').fill(limits.maxEvents ?? '')
    await form.getByLabel('Maximum size (MiB)').fill(limits.maxSizeMiB ?? '')
    await form.getByRole('button', { name: 'Save policy' }).click()
  }

  saved(): Locator {
    return this.region().getByTestId('retention-saved')
  }

  /** Clicks "Prune now"; returns the confirmation dialog. */
  async pruneNow(): Promise<Locator> {
    await this.region().getByRole('button', { name: 'Prune now' }).click()
    return this.confirmation()
  }

  confirmation(): Locator {
    return this.page.getByRole('dialog', { name: 'Prune the audit trail?' })
  }

  refusal(): Locator {
    return this.region().getByTestId('retention-refusal')
  }

  /** The export the refusal offers; the confirmation opens again afterwards. */
  async exportInFull(): Promise<Locator> {
    await this.refusal().getByRole('button', { name: 'Export in full' }).click()
    return this.confirmation()
  }

  exported(): Locator {
    return this.region().getByTestId('retention-exported')
  }

  pruned(): Locator {
    return this.region().getByTestId('retention-pruned')
  }
}
