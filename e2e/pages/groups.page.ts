import type { Locator, Page } from '@playwright/test'
import { confirmChange, expect, pick } from './iam-shell.page.ts'

/** The Groups screen. */
export class GroupsPage {
  constructor(private readonly page: Page) {}

  row(name: string): Locator {
    return this.page.locator(`[data-testid="group-row"][data-name="${name}"]`)
  }

  detail(): Locator {
    return this.page.getByTestId('group-detail')
  }

  async create(name: string, members: string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Create group', exact: true }).click()
    const form = this.page.getByRole('form', { name: 'Create group' })
    await form.getByLabel('Group name').fill(name)
    for (const member of members) await pick(form.getByRole('combobox', { name: 'Add a member' }), member)
    await form.getByRole('button', { name: 'Create group' }).click()
    await expect(form).toBeHidden()
  }

  async select(name: string): Promise<void> {
    await this.row(name).click()
    await expect(this.detail().getByRole('heading', { level: 2 })).toContainText(name)
  }

  members(): Locator {
    return this.detail().getByRole('list', { name: 'Members' })
  }

  /** Adds one user with the detail's own picker, and confirms. */
  async addMember(user: string): Promise<void> {
    await pick(this.detail().getByRole('combobox', { name: 'User to add' }), user)
    await this.detail().getByRole('button', { name: 'Add member', exact: true }).click()
    await confirmChange(this.page, new RegExp(`^Add ${user} to group `), 'Add member')
  }

  async removeMember(user: string): Promise<void> {
    await this.members().getByRole('button', { name: `Remove member ${user}` }).click()
    await confirmChange(this.page, new RegExp(`^Remove ${user} from group `), 'Remove member')
  }

  /** Clicks Disable or Enable; the confirmation (with its impact preview) stays open. */
  async askStatus(name: string, action: 'Disable' | 'Enable'): Promise<Locator> {
    await this.detail().getByRole('button', { name: action, exact: true }).click()
    return this.page.getByRole('dialog', { name: `${action} group ${name}?` })
  }

  async enable(name: string): Promise<void> {
    await this.askStatus(name, 'Enable')
    await confirmChange(this.page, `Enable group ${name}?`, 'Enable group')
  }

  /** Asks to delete; the confirmation dialog, still open. */
  async askDelete(name: string): Promise<Locator> {
    await this.detail().getByRole('button', { name: 'Delete group' }).click()
    return this.page.getByRole('dialog', { name: `Delete group ${name}?` })
  }

  notEmptyRefusal(): Locator {
    return this.page.getByTestId('group-not-empty')
  }

  async disable(name: string): Promise<void> {
    await this.askStatus(name, 'Disable')
    await confirmChange(this.page, `Disable group ${name}?`, 'Disable group')
  }
}
