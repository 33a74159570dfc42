import type { Page } from '@playwright/test'
import { expect } from './iam-shell.page.ts'

/** The Access screen: who-can, the effective-permissions matrix and the checklist. */
export class AccessPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Access', exact: true }).click()
    await expect(this.page.getByRole('heading', { name: 'Access', level: 1 })).toBeVisible()
  }

  private section(name: string) {
    return this.page.getByRole('region', { name })
  }

  async whoCan(action: string, resource: string, conditions = ''): Promise<void> {
    const section = this.section('Who can')
    await section.getByLabel('Action').fill(action)
    await section.getByLabel('Resource', { exact: true }).fill(resource)
    await section.getByLabel(/Request context/).fill(conditions)
    await section.getByRole('button', { name: 'Who can?' }).click()
  }

  whoCanSummary() {
    return this.page.getByTestId('who-can-summary')
  }

  whoCanRow(name: string) {
    return this.page.getByTestId('who-can-row').and(this.page.locator(`[data-name="${name}"]`))
  }

  /** The virtualised list of who can (its data-count is the number shown). */
  whoCanList() {
    return this.section('Who can').getByRole('list', { name: 'Who can' })
  }

  whoCanRows() {
    return this.whoCanList().getByTestId('who-can-row')
  }

  async filterWhoCan(text: string): Promise<void> {
    await this.section('Who can').getByRole('searchbox', { name: 'Filter who can by name' }).fill(text)
  }

  matrixTable() {
    return this.page.getByTestId('matrix')
  }

  async matrix(kind: 'user' | 'group' | 'access key', name: string, actions: string, resources: string): Promise<void> {
    const section = this.section('Effective permissions')
    await section.getByLabel('Kind').selectOption({ label: kind })
    await section.getByLabel('Name').fill(name)
    await section.getByLabel(/^Actions/).fill(actions)
    await section.getByLabel(/^Resources/).fill(resources)
    await section.getByRole('button', { name: 'Show permissions' }).click()
  }

  cell(action: string, resource: string) {
    return this.page.getByRole('button', { name: new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} on ${resource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`) })
  }

  explanation() {
    return this.page.getByTestId('cell-explanation')
  }

  /** Exports the matrix as CSV and returns the downloaded text. */
  async exportCsv(): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.section('Effective permissions').getByRole('button', { name: 'Export CSV' }).click()])
    const stream = await download.createReadStream()
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') }
  }

  async runChecklist(): Promise<void> {
    await this.section('Storage-security checklist').getByRole('button', { name: 'Run checklist' }).click()
  }

  checkItem(id: string) {
    return this.page.getByTestId('check-item').and(this.page.locator(`[data-id="${id}"]`))
  }
}
