import type { Locator, Page } from '@playwright/test'
import { confirmChange, expect, pick } from './iam-shell.page.ts'

/** The Access keys screen. */
export class AccessKeysPage {
  constructor(private readonly page: Page) {}

  /** The virtualised list; `data-count` is how many keys pass the filters. */
  list(): Locator {
    return this.page.getByRole('list', { name: 'Access keys' })
  }

  rows(): Locator {
    return this.page.getByTestId('access-key-row')
  }

  row(accessKey: string): Locator {
    return this.page.locator(`[data-testid="access-key-row"][data-name="${accessKey}"]`)
  }

  /** The access keys shown (the virtualised list holds the visible ones; a few rows are all visible). */
  async shownKeys(): Promise<string[]> {
    return (await this.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name') ?? ''))).sort()
  }

  filters(): Locator {
    return this.page.getByRole('region', { name: 'Access key filters' })
  }

  /** Sets the filters given (the others stay as they are). */
  async filter(change: { text?: string; expiry?: 'Any' | 'No expiry' | 'Expiring within…'; days?: string; isParentDisabled?: boolean; policy?: 'Any' | 'Session policy' | "Inherits the owner's" }): Promise<void> {
    const filters = this.filters()
    if (change.text !== undefined) await filters.getByRole('searchbox', { name: 'Filter access keys' }).fill(change.text)
    if (change.expiry) await filters.getByLabel('Expiry').selectOption({ label: change.expiry })
    if (change.days !== undefined) await filters.getByLabel('Days').fill(change.days)
    if (change.isParentDisabled !== undefined) await filters.getByLabel('Owner disabled').setChecked(change.isParentDisabled)
    if (change.policy) await filters.getByLabel('Policy').selectOption({ label: change.policy })
  }

  check(accessKey: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${accessKey}`, exact: true })
  }

  bulkBar(): Locator {
    return this.page.getByTestId('key-bulk-bar')
  }

  secretOnce(): Locator {
    return this.page.getByTestId('secret-once')
  }

  async openCreateForm(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Create access key', exact: true }).click()
    return this.page.getByRole('form', { name: 'Create access key' })
  }

  async create(fields: { owner: string; name?: string; description?: string }): Promise<void> {
    const form = await this.openCreateForm()
    await pick(form.getByRole('combobox', { name: 'Owner' }), fields.owner)
    if (fields.name) await form.getByLabel('Name').fill(fields.name)
    if (fields.description) await form.getByLabel('Description').fill(fields.description)
    await form.getByRole('button', { name: 'Create access key' }).click()
    await expect(form).toBeHidden()
  }

  /** Fills the create form with a session policy and submits it: the confirmation with the impact preview. */
  async askCreateWithPolicy(fields: { owner: string; sessionPolicy: string }): Promise<Locator> {
    const form = await this.openCreateForm()
    await pick(form.getByRole('combobox', { name: 'Owner' }), fields.owner)
    await form.getByLabel('Session policy (JSON)').fill(fields.sessionPolicy)
    await form.getByRole('button', { name: 'Create access key' }).click()
    return this.page.getByRole('dialog', { name: `Create an access key for ${fields.owner}?` })
  }

  /** 'Every user', "This connection's account", or one user's name (through the searchable picker). */
  async showFor(scope: string): Promise<void> {
    const fixed = ['Every user', "This connection's account"]
    await this.page.getByRole('combobox', { name: 'Show' }).selectOption({ label: fixed.includes(scope) ? scope : 'One user…' })
    if (!fixed.includes(scope)) await pick(this.page.getByRole('combobox', { name: 'User', exact: true }), scope)
  }

  detail(): Locator {
    return this.page.getByTestId('access-key-detail')
  }

  /** Fills the given fields of the open key's edit form (expiry as a datetime-local value) and saves it. */
  async edit(fields: { name?: string; description?: string; expiry?: string; sessionPolicy?: string }): Promise<void> {
    const form = this.detail().getByRole('form', { name: 'Edit access key' })
    if (fields.name !== undefined) await form.getByLabel('Name', { exact: true }).fill(fields.name)
    if (fields.description !== undefined) await form.getByLabel('Description').fill(fields.description)
    if (fields.expiry !== undefined) await form.getByLabel('New expiry').fill(fields.expiry)
    if (fields.sessionPolicy !== undefined) {
      // The select's name also holds its current option ("Session policy Keep as it is").
      await form.getByRole('combobox', { name: /^Session policy/ }).selectOption({ label: 'Replace with the text below' })
      await form.getByLabel('Session policy JSON').fill(fields.sessionPolicy)
    }
    await form.getByRole('button', { name: 'Save changes' }).click()
    // A new session policy alters access: it is confirmed with its impact preview.
    if (fields.sessionPolicy !== undefined) await confirmChange(this.page, /^Change the session policy of /, 'Save changes')
  }

  /** Clicks Disable or Enable on the open key and confirms. */
  async setStatus(action: 'Disable' | 'Enable'): Promise<void> {
    await this.detail().getByRole('button', { name: action, exact: true }).click()
    await confirmChange(this.page, new RegExp(`^${action} access key `), `${action} key`)
  }
}
