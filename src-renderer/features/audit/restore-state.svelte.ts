import type { PolicyRestorePreview } from '../../../src-main/api/policy-restore.contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { invoke } from '../../lib/transport.ts'

/**
 * "Restore this version" of a policy's history: the preview the confirmation shows (server now →
 * version, validated for the server's release), then the restore, which main makes through the
 * editor's audited save and refuses when the server or the history changed since the preview.
 */
export class RestoreState {
  preview = $state<(PolicyRestorePreview & { connectionId: string }) | null>(null)
  busy = $state(false)
  error = $state<{ title: string; error: AppError } | null>(null)
  /** The last restore, for the notice under the history. */
  done = $state<{ policyName: string; version: number; isRecreated: boolean } | null>(null)

  /** Asks main what restoring `version` would change; opens the confirmation. */
  async open(connectionId: string, policyName: string, version: number): Promise<void> {
    this.busy = true
    this.error = null
    this.done = null
    const result = await invoke('policies.restorePreview', { connectionId, policyName, version })
    this.busy = false
    if (!result.ok) {
      this.error = { title: `Could not prepare the restore of version ${version}`, error: result.error }
      return
    }
    this.preview = { ...result.value, connectionId }
  }

  cancel(): void {
    this.preview = null
  }

  /** Restores the previewed version; true when the server now holds it. */
  async confirm(): Promise<boolean> {
    const preview = this.preview
    if (!preview) return false
    this.busy = true
    const { connectionId, policyName, version, eventId, currentFingerprint } = preview
    const result = await invoke('policies.restore', { connectionId, policyName, version, eventId, expectedFingerprint: currentFingerprint })
    this.busy = false
    this.preview = null
    if (!result.ok) {
      this.error = { title: `Could not restore version ${version} of '${policyName}'`, error: result.error }
      return false
    }
    this.done = { policyName, version, isRecreated: result.value.isRecreated }
    return true
  }
}
