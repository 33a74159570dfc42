import { finding, resourceShape } from '../helpers.ts'
import type { LintRule, StatementView } from '../types.ts'

const EVERY_ACTION = new Set(['s3:*', 'admin:*', 'kms:*', '*', '*:*'])
const EVERY_RESOURCE_PATTERN = new Set(['*', '*/*'])

// Admin, KMS and bare-`*` statements ignore Resource in MinIO (spec §5.1), so they cover
// everything whatever Resource says.
function coversEverything(statement: StatementView, action: string): boolean {
  if (action !== 's3:*' && action !== '*:*') return true
  if (statement.resources.length === 0) return statement.notResources.length === 0
  return statement.resources.some((written) => {
    const { type, pattern } = resourceShape(written.value)
    return type !== 'invalid' && EVERY_RESOURCE_PATTERN.has(pattern)
  })
}

/**
 * `full-access-on-everything`: an unconditional Allow of `s3:*`, `admin:*`, `kms:*` or `*` on every
 * resource. Often intended for administrators, but worth a second look on any other principal.
 */
export const fullAccessRule: LintRule = {
  id: 'full-access-on-everything',
  check: ({ statements }) =>
    statements.flatMap((statement) => {
      if (statement.effect !== 'Allow' || statement.conditions.length > 0) return []
      return statement.actions
        .filter((written) => EVERY_ACTION.has(written.value) && coversEverything(statement, written.value))
        .map((written) => finding('full-access-on-everything', 'warning', written,
          `Allows '${written.value}' on every ${written.value.startsWith('admin') ? 'server' : 'bucket and object'} without conditions. ` +
            'Grant only the actions and buckets this principal needs, unless it is meant to be an administrator.'))
    }),
}
