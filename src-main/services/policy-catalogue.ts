import { ADMIN_ACTIONS, ADMIN_KEYS, ALL_KEYS, COMMON_KEYS, KMS_ACTIONS, OPERATOR_NAMES, QUALIFIERS, S3_ACTIONS, S3_ACTION_EXTRA_KEYS, STS_ACTIONS, STS_KEYS } from '../policy/catalogue.ts'

export type ActionFamily = 's3' | 'admin' | 'kms' | 'sts'

export interface CatalogueAction {
  name: string
  family: ActionFamily
  description: string
  /** Condition keys this action allows beyond its family's base keys. */
  extraKeys: string[]
}

/** What the policy editor completes: actions, operators, keys and variables of MinIO v3.1.3. */
export interface PolicyCatalogue {
  actions: CatalogueAction[]
  operators: string[]
  qualifiers: string[]
  /** The keys every action of a family allows. */
  baseKeys: Record<ActionFamily, string[]>
  /** The keys MinIO substitutes as `${key}` in Resource and String/Binary conditions. */
  variables: string[]
}

const ON = { object: 'on objects (bucket/key)', bucket: 'on a bucket', none: 'not tied to a bucket', pattern: 'on every resource' } as const

// `GetObjectLegalHold` → `get object legal hold`: the action's own words make its short description.
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase()
}

function described(action: string, family: ActionFamily, where: string): string {
  const name = action.slice(action.indexOf(':') + 1)
  if (name === '*') return `Every ${family === 's3' ? 'S3' : family === 'kms' ? 'KMS' : family} action`
  const sentence = words(name)
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} — ${where}`
}

/** The catalogue as the editor needs it; pure and the same on every call (the renderer caches it). */
export function policyCatalogue(): PolicyCatalogue {
  const actions: CatalogueAction[] = [
    ...S3_ACTIONS.map(({ action, resource }) => ({ name: action, family: 's3' as const, description: described(action, 's3', `S3, ${ON[resource]}`), extraKeys: [...(S3_ACTION_EXTRA_KEYS[action] ?? [])] })),
    ...ADMIN_ACTIONS.map((action) => ({ name: action, family: 'admin' as const, description: described(action, 'admin', 'MinIO admin API'), extraKeys: [] })),
    ...KMS_ACTIONS.map((action) => ({ name: action, family: 'kms' as const, description: described(action, 'kms', 'KMS (arn:minio:kms:::key)'), extraKeys: [] })),
    ...STS_ACTIONS.map((action) => ({ name: action, family: 'sts' as const, description: action === '*' ? 'Every action (STS constant)' : described(action, 'sts', 'STS'), extraKeys: [] })),
  ]
  return {
    actions,
    operators: [...OPERATOR_NAMES],
    qualifiers: [...QUALIFIERS],
    baseKeys: { s3: [...COMMON_KEYS], admin: [...ADMIN_KEYS], kms: [...ALL_KEYS], sts: [...STS_KEYS] },
    variables: [...COMMON_KEYS],
  }
}
