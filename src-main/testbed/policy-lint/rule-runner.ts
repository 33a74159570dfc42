import type { JsonValue, PolicyDocument } from '../../policy/types.ts'
import { buildContext } from '../../policy/lint/context.ts'
import type { LintFinding, LintRule } from '../../policy/lint/types.ts'

/** Runs one rule over statements given as plain objects (test helper; no parser involved). */
export function runRule(rule: LintRule, statements: ReadonlyArray<Record<string, JsonValue | undefined>>): LintFinding[] {
  return rule.check(buildContext({ Version: '2012-10-17', Statement: statements } as PolicyDocument))
}

/** The ids and paths of findings, for compact assertions. */
export function summary(findings: LintFinding[]): string[] {
  return findings.map((item) => `${item.id} ${item.severity} ${item.path}`)
}
