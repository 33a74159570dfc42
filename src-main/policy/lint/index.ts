/**
 * Policy lint (issue 3 part 5): advice about documents that MinIO accepts but that probably do not
 * do what their author meant. Separate from validation: lint never rejects a document, and a
 * document that does not parse gets no lint findings (validation reports why).
 * Pure TypeScript: no node:*, no DOM.
 */
import { parsePolicy } from '../parse.ts'
import type { SourcePosition } from '../types.ts'
import { buildContext } from './context.ts'
import { actionCaseRule, duplicateActionRule } from './rules/actions.rule.ts'
import { duplicateSidRule } from './rules/duplicate-sid.rule.ts'
import { fullAccessRule } from './rules/full-access.rule.ts'
import { listViaObjectPatternRule, prefixListingRule, readonlyCannotListRule } from './rules/listing.rule.ts'
import { neverMatchesRule } from './rules/never-matches.rule.ts'
import { notActionRule, notResourceRule } from './rules/not-elements.rule.ts'
import { emptyOperatorRule, ipWidenedRule } from './rules/conditions.rule.ts'
import { bucketWildcardRule, starPrefixedRule } from './rules/resource-wildcards.rule.ts'
import { spoofableKeyRule } from './rules/spoofable-keys.rule.ts'
import { unknownVariableRule } from './rules/variables.rule.ts'
import type { LintFinding, LintRule } from './types.ts'

export type { LintFinding, LintFix, LintRule, LintSeverity } from './types.ts'
export { applyFix, fixEdit, type TextEdit } from './apply-fix.ts'

/** Every rule, in the order findings are reported for the same position. */
export const LINT_RULES: readonly LintRule[] = [
  fullAccessRule, bucketWildcardRule, starPrefixedRule, spoofableKeyRule, listViaObjectPatternRule, prefixListingRule,
  readonlyCannotListRule, notActionRule, notResourceRule, unknownVariableRule, duplicateSidRule, neverMatchesRule,
  ipWidenedRule, emptyOperatorRule, actionCaseRule, duplicateActionRule,
]

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const

/** Position of a path, or of its nearest parent that has one (fix paths may point past the end). */
function locate(positions: Map<string, SourcePosition>, path: string): SourcePosition | undefined {
  for (let current = path; current !== ''; current = current.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    const position = positions.get(current)
    if (position) return position
    if (!/(\.[^.[\]]*|\[\d+\])$/.test(current)) break
  }
  return undefined
}

/**
 * Lints a policy text and returns findings ordered by position, then severity. Assumes an IAM
 * policy (canned, group, user or session). Returns [] for text that does not parse as a policy;
 * never throws for any input.
 */
export function lintPolicy(text: string): LintFinding[] {
  const parsed = parsePolicy(text)
  if (!parsed.document) return []
  const context = buildContext(parsed.document)
  const findings = LINT_RULES.flatMap((rule) => rule.check(context)).map((item) => {
    const position = locate(parsed.positions, item.path)
    return position ? { ...item, line: position.line, column: position.column } : item
  })
  return findings.sort((left, right) =>
    (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0) || SEVERITY_ORDER[left.severity] - SEVERITY_ORDER[right.severity])
}
