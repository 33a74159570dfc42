import type { Locator, Page } from '@playwright/test'
import { confirmChange, expect } from './iam-shell.page.ts'

/** The Policies screen with its CodeMirror editor. */
export class PoliciesPage {
  constructor(private readonly page: Page) {}

  row(name: string): Locator {
    return this.page.locator(`[data-testid="policy-row"][data-name="${name}"]`)
  }

  editor(): Locator {
    return this.page.getByTestId('policy-editor')
  }

  issues(): Locator {
    return this.page.getByTestId('policy-issues')
  }

  errorMarkers(): Locator {
    return this.editor().locator('.cm-lint-marker-error')
  }

  async startCreate(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Create policy', exact: true }).click()
    await this.editor().getByLabel('Policy name').fill(name)
  }

  /** Replaces the whole editor text, as typing would. */
  async setText(text: string): Promise<void> {
    const content = this.editor().getByRole('textbox', { name: 'Policy document' })
    await content.click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.insertText(text)
  }

  editorText(): Promise<string> {
    return this.editor().locator('.cm-content').innerText()
  }

  /**
   * Clicks Create policy / Save changes and returns the confirmation it opens: a new policy's
   * impact confirmation, or an edit's review (diff, broken cases, impact), left open.
   */
  async askSubmit(label: 'Create policy' | 'Save changes'): Promise<Locator> {
    await this.editor().getByRole('button', { name: label }).click()
    return this.page.getByRole('dialog', { name: label === 'Create policy' ? /^Create policy / : /^Save changes to policy / })
  }

  /** Create policy: creates and confirms. Save changes: opens the review (confirmReview saves). */
  async submit(label: 'Create policy' | 'Save changes'): Promise<void> {
    await this.askSubmit(label)
    if (label === 'Create policy') await confirmChange(this.page, /^Create policy /, 'Create policy')
  }

  /** Opens an existing policy, replaces its text and saves it through the review. */
  async edit(name: string, text: string): Promise<void> {
    await this.select(name)
    await this.setText(text)
    await this.submit('Save changes')
    await this.confirmReview(name)
  }

  /** The review an edit opens before it is saved (diff, broken cases, impact). */
  review(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Save changes to policy ${name}?` })
  }

  async confirmReview(name: string): Promise<void> {
    const review = this.review(name)
    await expect(review.getByTestId('diff-view')).toBeVisible()
    await review.getByRole('button', { name: 'Save changes' }).click()
    await expect(review).toBeHidden()
  }

  summary(): Locator {
    return this.page.getByTestId('policy-summary')
  }

  cases(): Locator {
    return this.page.getByTestId('policy-cases')
  }

  /** Fills the cases panel's form and saves the case. */
  async saveCase(item: { name: string; action: string; bucket: string; object?: string; expect: 'allow' | 'deny' | 'explicitDeny' | 'implicitDeny' }): Promise<void> {
    const form = this.cases().getByRole('form', { name: 'Save a case' })
    await form.getByLabel('Case name').fill(item.name)
    await form.getByLabel('Action').fill(item.action)
    await form.getByLabel('Bucket').fill(item.bucket)
    await form.getByLabel('Object').fill(item.object ?? '')
    await form.getByLabel('Expect').selectOption(item.expect)
    await form.getByRole('button', { name: 'Save this case' }).click()
    await expect(this.cases().locator(`[data-testid="saved-case"][data-name="${item.name}"]`)).toBeVisible()
  }

  async select(name: string): Promise<void> {
    await this.row(name).click()
    await expect(this.editor().getByRole('heading', { level: 2 })).toContainText(name)
  }

  usage(): Locator {
    return this.page.getByTestId('policy-usage')
  }

  /** Asks to delete; the confirmation dialog, still open. */
  async askDelete(name: string): Promise<Locator> {
    await this.usage().getByRole('button', { name: 'Delete policy' }).click()
    return this.page.getByRole('dialog', { name: `Delete policy ${name}?` })
  }

  inUse(): Locator {
    return this.page.getByTestId('policy-in-use')
  }
}
