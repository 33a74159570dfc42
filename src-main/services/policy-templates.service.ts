import { AppFailure } from '../api/result.ts'
import { renderTemplate, TEMPLATES, type TemplateInfo } from '../access/template-catalogue.ts'
import { validatePolicy, type Issue } from '../policy/index.ts'

/** `policies.templates` and `policies.renderTemplate`: the starting points, offline (no server call). */

export function listTemplates(): TemplateInfo[] {
  return TEMPLATES.map((template) => ({ ...template }))
}

export interface RenderedTemplate {
  template: string
  /** A suggested policy name. */
  name: string
  /** The document as the editor gets it (pretty JSON). */
  text: string
  /** MinIO's validation of the rendered document (empty for every template; shown if not). */
  issues: Issue[]
}

/** Renders one template for a bucket and prefix; INVALID_INPUT naming the problem for bad input. */
export function renderTemplateText(template: string, bucket: string, prefix: string): RenderedTemplate {
  let rendered
  try {
    rendered = renderTemplate(template, bucket, prefix)
  } catch (error) {
    throw new AppFailure('INVALID_INPUT', (error as Error).message)
  }
  const text = `${JSON.stringify(rendered.document, null, 2)}\n`
  return { template, name: rendered.name, text, issues: validatePolicy(text, { kind: 'canned' }) }
}
