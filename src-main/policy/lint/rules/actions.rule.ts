import { ADMIN_ACTIONS, KMS_ACTIONS, S3_ACTIONS, STS_ACTIONS } from '../../catalogue.ts'
import { finding, hasWildcard } from '../helpers.ts'
import type { LintRule, StatementView, Written } from '../types.ts'

const KNOWN = new Set([...S3_ACTIONS.map((info) => info.action), ...ADMIN_ACTIONS, ...KMS_ACTIONS, ...STS_ACTIONS])
const BY_LOWER = new Map([...KNOWN].map((action) => [action.toLowerCase(), action]))

function lists(statement: StatementView): Written[][] {
  return [statement.actions, statement.notActions]
}

/**
 * `action-case`: MinIO compares action names byte for byte, so `s3:getobject` is not an action
 * (the server refuses the document). When only the case is wrong, the fix writes the right name.
 */
export const actionCaseRule: LintRule = {
  id: 'action-case',
  check: ({ statements }) =>
    statements.flatMap((statement) => lists(statement).flat().flatMap((written) => {
      if (KNOWN.has(written.value) || hasWildcard(written.value)) return []
      const meant = BY_LOWER.get(written.value.toLowerCase())
      if (!meant) return []
      return [finding('action-case', 'error', written,
        `'${written.value}' is not an action MinIO knows: action names are case-sensitive. Write '${meant}'.`,
        { title: `Use '${meant}'`, path: written.path, value: meant })]
    })),
}

/** `duplicate-action`: the same action written twice in one Action or NotAction list; the fix drops the repeat. */
export const duplicateActionRule: LintRule = {
  id: 'duplicate-action',
  check: ({ statements }) =>
    statements.flatMap((statement) => lists(statement).flatMap((list) => {
      const seen = new Set<string>()
      return list.flatMap((written) => {
        if (!seen.has(written.value)) {
          seen.add(written.value)
          return []
        }
        return [finding('duplicate-action', 'info', written, `'${written.value}' is already listed in this statement; the repeat changes nothing.`,
          { title: `Remove the repeated '${written.value}'`, path: written.path })]
      })
    })),
}
