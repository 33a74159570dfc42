import type { Locator, Page } from '@playwright/test'
import { confirmChange, expect, pick } from './iam-shell.page.ts'

/** The Users screen. */
export class UsersPage {
  constructor(private readonly page: Page) {}

  list(): Locator {
    return this.page.getByRole('list', { name: 'Users' })
  }

  row(accessKey: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-name="${accessKey}"]`)
  }

  detail(): Locator {
    return this.page.getByTestId('user-detail')
  }

  secretOnce(): Locator {
    return this.page.getByTestId('secret-once')
  }

  /**
   * Fills the create form (a generated secret unless one is given, the policies and groups given)
   * and submits it; with policies or groups the confirmation with the impact preview is returned.
   */
  async askCreate(accessKey: string, access: { policies?: string[]; groups?: string[]; secret?: string } = {}): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Create user', exact: true }).click()
    const form = this.page.getByRole('form', { name: 'Create user' })
    await form.getByLabel('Access key').fill(accessKey)
    if (access.secret) await form.getByLabel('Secret key').fill(access.secret)
    else await form.getByRole('button', { name: 'Generate' }).click()
    await expect(form.getByLabel('Secret key')).not.toHaveValue('')
    for (const policy of access.policies ?? []) await pick(form.getByRole('combobox', { name: 'Add a policy' }), policy)
    for (const group of access.groups ?? []) await pick(form.getByRole('combobox', { name: 'Add a group' }), group)
    await form.getByRole('button', { name: 'Create user' }).click()
    return this.page.getByRole('dialog', { name: `Create user ${accessKey}?` })
  }

  /** Creates the user; a user with policies or groups is confirmed (after its impact preview). */
  async create(accessKey: string, access: { policies?: string[]; groups?: string[] } = {}): Promise<void> {
    const dialog = await this.askCreate(accessKey, access)
    if ((access.policies?.length ?? 0) + (access.groups?.length ?? 0) === 0) return
    await expect(dialog.getByTestId('impact-preview')).toHaveAttribute('data-status', 'ready')
    await dialog.getByRole('button', { name: 'Create user', exact: true }).click()
    await expect(dialog).toBeHidden()
  }

  /** The secret shown once (after creating a user or changing its secret). */
  secretShown(): Promise<string> {
    return this.secretOnce().getByTestId('secret-value').innerText()
  }

  async dismissSecret(): Promise<void> {
    await this.secretOnce().getByRole('button', { name: 'I have saved it' }).click()
    await expect(this.secretOnce()).toBeHidden()
  }

  /** Creates a user and dismisses its one-time secret. */
  async createAndDismiss(accessKey: string): Promise<void> {
    await this.create(accessKey)
    await this.secretOnce().getByRole('button', { name: 'I have saved it' }).click()
    await expect(this.row(accessKey)).toBeVisible()
  }

  async filter(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter users' }).fill(text)
  }

  async select(accessKey: string): Promise<void> {
    await this.row(accessKey).click()
    await expect(this.detail().getByRole('heading', { level: 2 })).toContainText(accessKey)
  }

  attachedPolicies(): Locator {
    return this.detail().getByRole('list', { name: 'Attached policies' })
  }

  /** Picks the policy and clicks Attach; the confirmation (with its impact preview) stays open. */
  async askAttach(policy: string): Promise<Locator> {
    await pick(this.detail().getByRole('combobox', { name: 'Policy to attach' }), policy)
    await this.detail().getByRole('button', { name: 'Attach', exact: true }).click()
    return this.page.getByRole('dialog', { name: new RegExp(`^Attach ${policy} to user `) })
  }

  /** Attaches a policy to the selected user and confirms. */
  async attach(policy: string): Promise<void> {
    await this.askAttach(policy)
    await confirmChange(this.page, new RegExp(`^Attach ${policy} to user `), 'Attach')
    await expect(this.attachedPolicies()).toContainText(policy)
  }

  /** Clicks a policy's × (detach); the confirmation stays open. */
  async askDetach(policy: string): Promise<Locator> {
    await this.attachedPolicies().getByRole('button', { name: `Detach ${policy}` }).click()
    return this.page.getByRole('dialog', { name: new RegExp(`^Detach ${policy} from user `) })
  }

  /** The status badge in the detail's heading (the groups list has badges of its own). */
  status(): Locator {
    return this.detail().getByRole('heading', { level: 2 }).getByTestId('status')
  }

  /** Clicks Disable or Enable in the selected user's detail and confirms. */
  async setStatus(action: 'Disable' | 'Enable'): Promise<void> {
    await this.detail().getByRole('button', { name: action, exact: true }).click()
    await confirmChange(this.page, new RegExp(`^${action} user `), `${action} user`)
  }

  /** Changes the selected user's secret to `secretKey` in the inline form. */
  async changeSecret(secretKey: string): Promise<void> {
    await this.detail().getByRole('button', { name: 'Change secret' }).click()
    const form = this.detail().getByRole('form', { name: 'Change secret' })
    await form.getByLabel('New secret key').fill(secretKey)
    await form.getByRole('button', { name: 'Save secret' }).click()
  }

  /** Asks to delete the selected user and confirms in the dialog. */
  async delete(accessKey: string): Promise<void> {
    await this.detail().getByRole('button', { name: 'Delete user' }).click()
    await this.page.getByRole('dialog', { name: `Delete user ${accessKey}?` }).getByRole('button', { name: 'Delete user' }).click()
  }

  effectivePolicies(): Locator {
    return this.detail().getByRole('table', { name: 'Effective policies' })
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh', exact: true }).click()
  }

  /** A row's selection checkbox (beside the row's button). */
  check(accessKey: string): Locator {
    return this.page.locator(`[data-testid="user-check"][data-name="${accessKey}"]`)
  }

  /** The checked row checkboxes (of the rows in the DOM). */
  checked(): Locator {
    return this.page.locator('[data-testid="user-check"]:checked')
  }

  selectAllShown(): Locator {
    return this.page.getByRole('checkbox', { name: 'Select all shown' })
  }

  bulkBar(): Locator {
    return this.page.getByTestId('bulk-bar')
  }

  /** "N selected" in the bulk bar. */
  bulkCount(): Locator {
    return this.bulkBar().getByTestId('bulk-count')
  }

  /** Chooses a bulk action (and its policy or group), clicks Apply… and returns the confirmation dialog titled `title`. */
  async bulk(action: string, title: string, choice?: { picker: 'Policy' | 'Group'; name: string }): Promise<Locator> {
    await this.bulkBar().getByRole('combobox', { name: 'Bulk action' }).selectOption({ label: action })
    if (choice) await pick(this.bulkBar().getByRole('combobox', { name: choice.picker }), choice.name)
    await this.bulkBar().getByRole('button', { name: 'Apply…' }).click()
    return this.page.getByRole('dialog', { name: title })
  }

  bulkResults(): Locator {
    return this.page.getByTestId('bulk-results')
  }
}
