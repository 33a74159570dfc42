import { expect, type Locator, type Page } from '@playwright/test'

/** The Policy tester: workspace documents, principal, request and the answer. Owns its selectors. */
export class TesterPage {
  constructor(private readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Policy tester', exact: true }).click()
    await expect(this.page.getByRole('heading', { name: 'Policy tester', level: 1 })).toBeVisible()
  }

  private workspace(): Locator {
    return this.page.getByRole('region', { name: 'Policy documents' })
  }

  /** Selects (or adds) the document tab at `index`, names it and replaces its text, as typing would. */
  async setDocument(index: number, name: string, text: string): Promise<void> {
    const tabs = this.workspace().getByRole('tab')
    if ((await tabs.count()) <= index) await this.workspace().getByRole('button', { name: 'Add document' }).click()
    await tabs.nth(index).click()
    await this.workspace().getByLabel('Document name').fill(name)
    const editor = this.workspace().getByRole('textbox', { name: 'Policy document', exact: true })
    await editor.click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.insertText(text)
  }

  documentTabs(): Locator {
    return this.workspace().getByRole('tab')
  }

  /** Opens the source panel and loads `user` from the connection named `connection`. */
  async loadLiveUser(connection: string, user: string): Promise<void> {
    await this.page.getByText('Load a principal').click()
    const live = this.page.getByRole('region', { name: 'From a connection' })
    await live.getByLabel('Connection').selectOption({ label: connection })
    await live.getByRole('button', { name: 'List users' }).click()
    await live.getByLabel('User').selectOption(user)
    await live.getByRole('button', { name: 'Load user' }).click()
    // Loading reads the user, its groups, their mappings, each policy and the user's access keys: on a
    // busy machine that is several seconds of admin calls, so wait for the result, not a fixed time.
    await expect(this.source()).toContainText(`user ${user}`, { timeout: 30_000 })
  }

  /** Opens the source panel and loads a snapshot file (the bytes given), then picks `principal` by its label. */
  async loadSnapshot(fileName: string, content: string, principal?: string): Promise<void> {
    await this.page.getByText('Load a principal').click()
    const snapshot = this.page.getByRole('region', { name: 'From a snapshot' })
    await snapshot.getByLabel('Snapshot file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(content) })
    if (principal) await snapshot.getByLabel('Principal from the snapshot').selectOption({ label: principal })
  }

  source(): Locator {
    return this.page.getByTestId('tester-source')
  }

  principalGroup(name: string): Locator {
    return this.page.locator(`[data-testid="principal-group"][data-name="${name}"]`)
  }

  principalWarning(): Locator {
    return this.page.getByRole('region', { name: 'Principal' }).getByTestId('disabled-group-warning')
  }

  documentIssues(): Locator {
    return this.workspace().getByTestId('document-issue')
  }

  documentValid(): Locator {
    return this.workspace().getByTestId('document-valid')
  }

  async setRequest(request: { action: string; bucket: string; object: string; conditions?: Array<[string, string]> }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Request' })
    await form.getByLabel('Action').fill(request.action)
    await form.getByLabel('Bucket').fill(request.bucket)
    await form.getByLabel('Object key').fill(request.object)
    for (const [index, [key, value]] of (request.conditions ?? []).entries()) {
      if ((await form.getByLabel(`Condition key ${index + 1}`).count()) === 0) await form.getByRole('button', { name: 'Add condition value' }).click()
      await form.getByLabel(`Condition key ${index + 1}`).fill(key)
      await form.getByLabel(`Condition value ${index + 1}`).fill(value)
    }
  }

  async evaluate(): Promise<void> {
    await this.page.getByRole('form', { name: 'Request' }).getByRole('button', { name: 'Evaluate' }).click()
  }

  answer(): Locator {
    return this.page.getByTestId('tester-answer')
  }

  verdict(): Locator {
    return this.answer().getByTestId('verdict')
  }

  decisiveStatements(): Locator {
    return this.answer().locator('[data-testid="statement-trace"][data-decisive="true"]')
  }

  statement(sid: string): Locator {
    return this.answer().locator(`[data-testid="statement-trace"][data-sid="${sid}"]`)
  }
}
