import { AppFailure } from '../api/result.ts'
import { parsePolicy, validatePolicy } from '../policy/index.ts'
import { applyFix, lintPolicy } from '../policy/lint/index.ts'
import type { PolicyIssue } from './views.types.ts'

/**
 * Validation issues (MinIO's rules: block the save when errors) and lint findings (advice), in
 * one list ordered by position: `policies.validate`, run in the policy worker. Never throws: odd
 * text gives issues, not failures.
 */
export function checkPolicyText(text: string, kind: 'canned' | 'session', name?: string): { issues: PolicyIssue[]; hasErrors: boolean } {
  const validation: PolicyIssue[] = validatePolicy(text, { kind, ...(name ? { name } : {}) }).map((issue) => ({
    source: 'validation' as const,
    severity: issue.severity,
    message: issue.message,
    path: issue.path,
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.column === undefined ? {} : { column: issue.column }),
  }))
  const lint: PolicyIssue[] = lintPolicy(text).map((finding) => {
    const fixed = finding.fix ? applyFix(text, finding.fix) : undefined
    return {
      source: 'lint' as const,
      severity: finding.severity === 'error' ? 'warning' : finding.severity, // lint is advice: never blocks a save
      message: finding.message,
      path: finding.path,
      ruleId: finding.id,
      ...(finding.line === undefined ? {} : { line: finding.line }),
      ...(finding.column === undefined ? {} : { column: finding.column }),
      ...(finding.fix && fixed !== undefined ? { fix: { title: finding.fix.title, text: fixed } } : {}),
    }
  })
  const issues = [...validation, ...lint].sort((left, right) => (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0))
  return { issues, hasErrors: validation.some((issue) => issue.severity === 'error') }
}

/**
 * Text that is not JSON never reaches MinIO, whose answer would be a bare "unexpected EOF"; whether a
 * well-formed document is acceptable stays MinIO's call (the server is the judge, the editor advises).
 * Throws AppFailure INVALID_INPUT naming where the JSON breaks.
 */
export function refuseBrokenJson(text: string): void {
  const parsed = parsePolicy(text)
  if (parsed.document !== undefined) return
  const issue = parsed.issues[0]
  const where = issue?.line === undefined ? '' : ` at line ${issue.line}, column ${issue.column}`
  throw new AppFailure('INVALID_INPUT', `The policy is not valid JSON${where} (${issue?.message ?? 'no JSON value'}). Fix the text and save again; nothing was sent to MinIO.`)
}
