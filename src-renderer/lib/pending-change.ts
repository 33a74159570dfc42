import type { ImpactChange } from '../../src-main/api/impact.contract.ts'

/**
 * A change that alters access, waiting for its confirmation (ChangeConfirm.svelte): what the
 * dialog says, the change its impact preview asks about, and what Confirm runs.
 */
export interface PendingChange {
  title: string
  confirmLabel: string
  /** One sentence on what happens, above the preview. */
  text?: string
  danger?: boolean
  change: ImpactChange
  run: () => Promise<unknown>
}
