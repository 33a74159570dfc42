import { finding } from '../helpers.ts'
import type { LintRule } from '../types.ts'

/**
 * `not-action-not-storable`: MinIO v3.1.3 parses and evaluates NotAction, but its serialiser
 * refuses a statement without Action ("empty actions not allowed"), so saving the policy as a
 * canned, bucket, session or access-key policy fails (spec §1.11).
 */
export const notActionRule: LintRule = {
  id: 'not-action-not-storable',
  check: ({ statements }) =>
    statements.filter((statement) => statement.notActions.length > 0).map((statement) =>
      finding('not-action-not-storable', 'error', { path: `${statement.path}.NotAction` },
        'This MinIO version cannot store a statement with NotAction: saving fails with "empty actions not allowed". ' +
          'List the actions to allow or deny in Action instead.'),
    ),
}

/**
 * `not-resource-broad`: an Allow with NotResource grants its actions on every other resource,
 * including buckets created later.
 */
export const notResourceRule: LintRule = {
  id: 'not-resource-broad',
  check: ({ statements }) =>
    statements.filter((statement) => statement.effect === 'Allow' && statement.notResources.length > 0).map((statement) =>
      finding('not-resource-broad', 'warning', { path: `${statement.path}.NotResource` },
        'Allow with NotResource grants these actions on every resource except the listed ones, including buckets created later. ' +
          'Prefer listing the resources to allow in Resource.'),
    ),
}
