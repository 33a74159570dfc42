import { evaluatePrincipal, toConditionValues } from '../../policy/index.ts'
import { meetsExpectation, outcomeOf } from '../../policy/suite-outcome.ts'
import type { PolicyRequest, PrincipalInput } from '../../policy/types.ts'
import { parseCommandArgs } from '../args.ts'
import { EXIT, UsageError, type CliIo } from '../io.ts'
import { loadSuite, type LoadedSuite, type SuiteCase } from './policy-suite.ts'

/** One row of the result table. */
export interface CaseResult {
  name: string
  principal: string
  action: string
  resource: string
  expected: string
  actual: string
  passed: boolean
  detail: string
}

function principalOf(suite: LoadedSuite, item: SuiteCase): PrincipalInput {
  const docs = (names: string[]) => names.map((name) => suite.documents.get(name) ?? '')
  if (item.policies) return { userPolicies: docs(item.policies) }
  const principal = suite.principals[item.principal ?? ''] ?? { policies: [], groups: [] }
  return {
    userPolicies: docs(principal.policies),
    groups: principal.groups.map((name) => ({ name, enabled: suite.groups[name]?.enabled ?? true, policies: docs(suite.groups[name]?.policies ?? []) })),
  }
}

// Like the server (spec §4.7), a named principal's requests carry its user name and groups, so
// `${aws:username}` policies can be tested without spelling the map out; the case can override.
function requestOf(suite: LoadedSuite, item: SuiteCase): PolicyRequest {
  const { conditions, conditionValues, ...rest } = item.request
  const defaults: Record<string, string[]> = {}
  if (item.principal !== undefined) {
    defaults.username = [item.principal]
    const groups = suite.principals[item.principal]?.groups ?? []
    if (groups.length > 0) defaults.groups = groups
  }
  const values = { ...defaults, ...(conditions ? toConditionValues(conditions) : {}), ...conditionValues }
  return { ...rest, account: item.principal, groups: suite.principals[item.principal ?? '']?.groups, conditionValues: values }
}

/** Runs every case of a loaded suite. Never throws for a failing case; failures are rows. */
export function runSuite(suite: LoadedSuite): CaseResult[] {
  return suite.cases.map((item) => {
    const request = requestOf(suite, item)
    const decision = evaluatePrincipal(principalOf(suite, item), request)
    const actual = outcomeOf(decision)
    const resource = request.bucket ? `${request.bucket}${request.object ? `/${request.object}` : ''}` : '-'
    return {
      name: item.name, principal: item.principal ?? `[${item.policies?.join(', ')}]`, action: request.action, resource,
      expected: item.expect, actual, passed: meetsExpectation(item.expect, actual), detail: decision.error ?? decision.summary,
    }
  })
}

const COLUMNS = [['RESULT', (r: CaseResult) => (r.passed ? 'pass' : 'FAIL')], ['CASE', (r: CaseResult) => r.name], ['PRINCIPAL', (r: CaseResult) => r.principal],
  ['ACTION', (r: CaseResult) => r.action], ['RESOURCE', (r: CaseResult) => r.resource], ['EXPECTED', (r: CaseResult) => r.expected], ['ACTUAL', (r: CaseResult) => r.actual]] as const

/** Formats results as an aligned text table, with the reason under each failed row. */
export function formatTable(results: CaseResult[]): string {
  const widths = COLUMNS.map(([title, cell]) => Math.max(title.length, ...results.map((row) => cell(row).length)))
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd() + '\n'
  let text = line(COLUMNS.map(([title]) => title))
  for (const row of results) {
    text += line(COLUMNS.map(([, cell]) => cell(row)))
    if (!row.passed) text += `      ${row.detail}\n`
  }
  return text
}

/**
 * `gatehouse policy test SUITE… [--json]`: runs policy unit tests, prints a table per suite and a
 * total. Exit 1 if any case fails, 0 if all pass, 2 for an unreadable or malformed suite.
 */
export async function runTest(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
  if (positionals.length === 0) throw new UsageError('test needs at least one SUITE file (YAML or JSON).')
  let passed = 0
  let failed = 0
  const all: Array<{ suite: string; results: CaseResult[] }> = []
  for (const file of positionals) {
    const suite = await loadSuite(file, io)
    const results = runSuite(suite)
    passed += results.filter((row) => row.passed).length
    failed += results.filter((row) => !row.passed).length
    all.push({ suite: file, results })
    if (!values.json) io.stdout(`${suite.name ?? file} (${file})\n${formatTable(results)}\n`)
  }
  io.stdout(values.json ? JSON.stringify(all, null, 2) + '\n' : `${passed} passed, ${failed} failed\n`)
  return failed > 0 ? EXIT.failed : EXIT.ok
}
