import { expect as baseExpect, type Locator, type Page } from '@playwright/test'
import type { GatehouseWorld } from '../fixtures.ts'
import { ConnectionsPage } from './connections.page.ts'

/**
 * Encrypted admin calls cost MinIO 2–3 s of Argon2 each on this 2-core machine (and the server
 * serialises them, §2.7), so a UI change that makes two or three of them needs more than the
 * default 5 s. A longer wait for an outcome, not a sleep: it returns as soon as the page matches.
 */
export const expect = baseExpect.configure({ timeout: 30_000 })

export type IamSection = 'Users' | 'Groups' | 'Policies' | 'Access keys' | 'Snapshots'

/** The shell around the IAM screens: a root connection to the worker's MinIO, and the sidebar. */
export class IamShell {
  constructor(private readonly page: Page) {}

  /** Opens the app and makes sure a connection named `name` (root credentials) exists and is selected. */
  async connect(world: GatehouseWorld, name: string): Promise<void> {
    const connections = new ConnectionsPage(this.page)
    await connections.open(world.app.openUrl)
    // Counting rows before the list has loaded would add a second connection of the same name.
    const picker = this.page.getByRole('combobox', { name: 'Connection' })
    await expect(picker.and(this.page.locator(':enabled')).or(connections.emptyState())).toBeVisible()
    if ((await connections.row(name).count()) === 0) {
      await connections.add({ name, endpoint: world.minio.endpoint, accessKey: world.minio.rootAccessKey, secretKey: world.minio.rootSecretKey })
    }
    await this.page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: name })
  }

  /** Connects (see `connect`) and opens a section. */
  async start(world: GatehouseWorld, connection: string, section: IamSection): Promise<void> {
    await this.connect(world, connection)
    await this.open(section)
  }

  async open(section: IamSection): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click()
    await expect(this.page.getByRole('heading', { name: section, level: 1 })).toBeVisible()
  }

  /** The last failure shown on the screen. */
  errorNotice() {
    return this.page.getByTestId('error-notice')
  }
}

/** Chooses `name` in a searchable picker (lib/ui Combobox): types it, then clicks the exact option. */
export async function pick(combobox: Locator, name: string): Promise<void> {
  await combobox.fill(name)
  const options = combobox.page().locator(`[id="${await combobox.getAttribute('aria-controls')}"]`)
  await options.getByRole('option', { name, exact: true }).click()
}

/** Removes the connections a spec added, so other specs sharing the worker start clean. */
export async function removeConnections(world: GatehouseWorld): Promise<void> {
  for (const connection of await world.services.connections.list()) await world.services.connections.remove(connection.id)
}

/**
 * Confirms the dialog titled `title` (a change that alters access) with its `button`. The button is
 * disabled until the dialog's impact preview has loaded or failed; the click waits for that.
 */
export async function confirmChange(page: Page, title: string | RegExp, button: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title })
  await dialog.getByRole('button', { name: button, exact: true }).click()
  await expect(dialog).toBeHidden()
}
