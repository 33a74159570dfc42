import type { PolicyTemplateInfo } from '../../../src-main/api/policies.contract.ts'
import type { ChannelOutput } from '../../../src-main/api/contract.ts'
import type { AppError } from '../../../src-main/api/result.ts'
import { LatestCall } from '../../lib/latest-call.ts'
import { invoke } from '../../lib/transport.ts'

export type RenderedTemplate = ChannelOutput<'policies.renderTemplate'>

/**
 * "New from template": the starting points (guide templates and MinIO's built-ins), the bucket and
 * prefix, and a preview rendered in main as the fields change. Creates nothing: the picked document
 * goes to the editor as an unsaved draft.
 */
export class TemplatePickerState {
  templates = $state<PolicyTemplateInfo[]>([])
  templateId = $state('minimal')
  bucket = $state('')
  prefix = $state('')
  preview = $state<RenderedTemplate | null>(null)
  /** Why the fields cannot be rendered (a missing bucket, a wildcard in the prefix), or a failed call. */
  problem = $state<AppError | null>(null)
  selected = $derived(this.templates.find((template) => template.id === this.templateId) ?? null)
  readonly #renders = new LatestCall()

  async load(): Promise<void> {
    const result = await invoke('policies.templates', {})
    if (result.ok) this.templates = result.value
    else this.problem = result.error
  }

  /** Renders the chosen template for the fields; an older answer never replaces a newer one. */
  async render(): Promise<void> {
    const isLatest = this.#renders.begin()
    const takesBucket = this.selected?.takesBucket !== false
    const result = await invoke('policies.renderTemplate', { template: this.templateId, bucket: takesBucket ? this.bucket.trim() : '', prefix: takesBucket ? this.prefix.trim() : '' })
    if (!isLatest()) return
    this.preview = result.ok ? result.value : null
    this.problem = result.ok ? null : result.error
  }
}
