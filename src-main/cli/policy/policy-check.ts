import { validatePolicy } from '../../policy/index.ts'
import type { Issue } from '../../policy/types.ts'
import { lintPolicy, type LintFinding } from '../../policy/lint/index.ts'
import { parseCommandArgs } from '../args.ts'
import { EXIT, UsageError, type CliIo } from '../io.ts'
import { locationPrefix, readInput } from './read-input.ts'

type Kind = 'canned' | 'session'

function parseKind(value: string | undefined): Kind {
  if (value === undefined || value === 'canned' || value === 'session') return value ?? 'canned'
  throw new UsageError(`--kind must be 'canned' or 'session', not '${value}'.`)
}

function formatIssue(file: string, issue: Issue | LintFinding): string {
  const rule = 'id' in issue ? ` [${issue.id}]` : ''
  return `${locationPrefix(file, issue.line, issue.column)}${issue.severity}: ${issue.message}${rule} (at ${issue.path || '(document)'})\n`
}

async function checkFiles(args: string[], io: CliIo, includeLint: boolean): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { kind: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean', default: false } })
  if (positionals.length === 0) throw new UsageError(`${includeLint ? 'lint' : 'validate'} needs at least one FILE (or - for standard input).`)
  const kind = parseKind(values.kind)
  let hasErrors = false
  const report: Array<{ file: string; issues: Issue[]; findings?: LintFinding[] }> = []
  for (const file of positionals) {
    const text = await readInput(file, io)
    const issues = validatePolicy(text, values.name ? { kind, name: values.name } : { kind })
    // Lint only documents that parse; validation explains the others.
    const findings = includeLint ? lintPolicy(text) : undefined
    hasErrors ||= issues.some((issue) => issue.severity === 'error') || (findings ?? []).some((finding) => finding.severity === 'error')
    report.push(findings ? { file, issues, findings } : { file, issues })
    if (values.json) continue
    for (const item of [...issues, ...(findings ?? [])]) io.stdout(formatIssue(file, item))
    if (issues.length === 0 && (findings ?? []).length === 0) io.stdout(`${file}: ok\n`)
  }
  if (values.json) io.stdout(JSON.stringify(report, null, 2) + '\n')
  return hasErrors ? EXIT.failed : EXIT.ok
}

/**
 * `gatehouse policy validate FILE… [--kind canned|session] [--name NAME] [--json]`: MinIO's own
 * rules plus the server's storage rules. Exit 1 if any file has an error, else 0.
 */
export async function runValidate(args: string[], io: CliIo): Promise<number> {
  return checkFiles(args, io, false)
}

/**
 * `gatehouse policy lint FILE… [--kind …] [--json]`: validation issues plus lint advice. Exit 1 if
 * any file has a validation error or an error-severity finding; warnings alone exit 0.
 */
export async function runLint(args: string[], io: CliIo): Promise<number> {
  return checkFiles(args, io, true)
}
