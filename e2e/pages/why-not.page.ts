import type { Locator, Page } from '@playwright/test'

/** The tester's "What would allow it" panel under a denied answer. Owns its selectors. */
export class WhyNotPanel {
  constructor(private readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('tester-answer').getByTestId('why-not')
  }

  suggestions(): Locator {
    return this.panel().getByTestId('why-not-suggestion')
  }

  /** The first suggestion whose kinds are exactly `kinds` (space-separated, e.g. `addAction`). */
  suggestion(kinds: string): Locator {
    return this.panel().locator(`[data-testid="why-not-suggestion"][data-kinds="${kinds}"]`).first()
  }

  async openAsDraft(suggestion: Locator): Promise<void> {
    await suggestion.getByRole('button', { name: 'Open as draft in the editor' }).first().click()
  }
}
