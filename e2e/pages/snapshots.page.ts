import { readFile } from 'node:fs/promises'
import { test, type Locator, type Page } from '@playwright/test'
import { expect } from './iam-shell.page.ts'

/** The Snapshots screen: export, load a snapshot, the plan, the apply and its results. Owns its selectors. */
export class SnapshotsPage {
  constructor(private readonly page: Page) {}

  /** Exports through the browser's download; returns the file saved under the name the app suggests, as a user would. */
  async export(): Promise<{ fileName: string; path: string; text: string }> {
    const downloading = this.page.waitForEvent('download')
    await this.page.getByRole('button', { name: 'Export snapshot' }).click()
    const download = await downloading
    // The test's own output folder: Playwright empties test-results at the start of every run.
    const path = test.info().outputPath(download.suggestedFilename())
    await download.saveAs(path)
    return { fileName: download.suggestedFilename(), path, text: await readFile(path, 'utf8') }
  }

  exportResult(): Locator {
    return this.page.getByTestId('export-result')
  }

  /** Chooses a snapshot file (a path on disk, or a name and its text) in the file input. */
  async loadFile(file: string | { name: string; text: string }): Promise<void> {
    const input = this.page.getByRole('region', { name: 'Compare and apply' }).getByLabel('Snapshot file')
    await input.setInputFiles(typeof file === 'string' ? file : { name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) })
  }

  /** "Remove what the server has and the snapshot does not": off by default. */
  removeExtras(): Locator {
    return this.page.getByRole('checkbox', { name: /Remove what the server has/ })
  }

  plan(): Locator {
    return this.page.getByTestId('snapshot-plan')
  }

  planCounts(): Locator {
    return this.plan().getByTestId('plan-counts')
  }

  /** The plan's steps under one phase heading (e.g. 'Users and groups to delete'). */
  phase(label: string): Locator {
    return this.plan().getByRole('region', { name: label }).getByTestId('plan-step')
  }

  /** Opens the confirmation, checks it names the destructive steps, and confirms. */
  async apply(steps: number): Promise<Locator> {
    await this.plan().getByRole('button', { name: `Apply ${steps} steps…` }).click()
    const dialog = this.page.getByRole('dialog', { name: /^Apply the snapshot to / })
    await expect(dialog).toBeVisible()
    return dialog
  }

  async confirm(dialog: Locator, steps: number): Promise<void> {
    await dialog.getByRole('button', { name: `Apply ${steps} steps` }).click()
    await expect(dialog).toBeHidden()
  }

  results(): Locator {
    return this.page.getByTestId('apply-results')
  }

  resultSteps(): Locator {
    return this.results().getByTestId('apply-step')
  }

  /** The new secret of `accessKey`, shown once. */
  secret(accessKey: string): Locator {
    return this.page.getByTestId('secret-once').filter({ has: this.page.getByTestId('secret-access-key').getByText(accessKey, { exact: true }) })
  }
}
