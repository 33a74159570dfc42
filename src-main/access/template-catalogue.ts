/**
 * Every starting point the Policies screen offers: the four templates for a bucket and prefix
 * (policy-templates.ts) and MinIO's five built-in policies as they are. Rendering checks the bucket
 * and prefix and answers the document with a suggested policy name.
 */
import type { PolicyDocument } from '../policy/index.ts'
import { BUILTIN_POLICY_DESCRIPTIONS, BUILTIN_POLICY_DOCUMENTS, type BuiltinPolicyName } from './builtin-policies.ts'
import { policyTemplate, TEMPLATE_DESCRIPTIONS, type TemplateName } from './policy-templates.ts'

export interface TemplateInfo {
  id: string
  title: string
  description: string
  /** Whether rendering takes a bucket and prefix (the built-ins are MinIO's documents as they are). */
  takesBucket: boolean
  source: 'guide' | 'builtin'
}

const TITLES: Record<TemplateName, string> = { minimal: 'Minimal bucket + prefix', 'read-only': 'Read-only with listing', home: 'Per-user home folder', 'drop-box': 'Write-only drop box' }

export const TEMPLATES: readonly TemplateInfo[] = [
  ...(Object.keys(TITLES) as TemplateName[]).map((name) => ({ id: name, title: TITLES[name], description: TEMPLATE_DESCRIPTIONS[name], takesBucket: true, source: 'guide' as const })),
  ...(Object.keys(BUILTIN_POLICY_DOCUMENTS) as BuiltinPolicyName[]).map((name) => ({ id: `builtin:${name}`, title: `Built-in ${name}`, description: BUILTIN_POLICY_DESCRIPTIONS[name], takesBucket: false, source: 'builtin' as const })),
]

// S3's bucket naming rules (3–63 lower-case letters, digits, dots and hyphens, a letter or digit at each end).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** Why `bucket`/`prefix` cannot go into a template, or undefined. */
export function templateInputProblem(bucket: string, prefix: string): string | undefined {
  if (bucket === '') return 'Enter the bucket the policy is for.'
  if (!BUCKET.test(bucket) || bucket.includes('..')) return `'${bucket}' is not a bucket name: use 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.`
  if (/[*?$]/.test(prefix)) return `The prefix '${prefix}' has a wildcard or variable: enter a plain folder such as reports/2026/.`
  if (prefix.startsWith('/')) return `The prefix '${prefix}' starts with '/': object keys do not; enter it without.`
  return undefined
}

/** The prefix as the templates want it: empty (the whole bucket) or ending in `/`. */
export function normalisedPrefix(prefix: string): string {
  const trimmed = prefix.trim()
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`
}

/** A template's document and a suggested policy name; throws an Error naming the problem for bad input or an unknown id. */
export function renderTemplate(id: string, bucket = '', prefix = ''): { document: PolicyDocument; name: string } {
  const info = TEMPLATES.find((template) => template.id === id)
  if (!info) throw new Error(`There is no template '${id}'. Choose one of: ${TEMPLATES.map((template) => template.id).join(', ')}.`)
  if (info.source === 'builtin') {
    const name = id.slice('builtin:'.length) as BuiltinPolicyName
    return { document: structuredClone(BUILTIN_POLICY_DOCUMENTS[name]) as PolicyDocument, name: `${name}-copy` }
  }
  const cleanBucket = bucket.trim()
  const cleanPrefix = normalisedPrefix(prefix)
  const problem = templateInputProblem(cleanBucket, cleanPrefix)
  if (problem) throw new Error(problem)
  const folder = cleanPrefix.replace(/\/$/, '').replaceAll('/', '-')
  return { document: policyTemplate(id as TemplateName, cleanBucket, cleanPrefix), name: [cleanBucket, folder, id].filter(Boolean).join('-') }
}
