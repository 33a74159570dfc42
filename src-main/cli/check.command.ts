import type { CheckItem } from '../checklist/checklist.types.ts'
import { cliServices } from './cli-services.ts'
import { checkConnection, type ChecklistReport } from '../services/checklist.service.ts'
import { AppFailure } from '../api/result.ts'
import { parseCommandArgs } from './args.ts'
import { EXIT, UsageError, type CliIo } from './io.ts'

const HELP = `Usage: gatehouse check --connection NAME [--rotation-days N] [--json]

  The storage-security checklist of a deployment, checked live: root credential in use, plain
  http to a remote host, buckets with anonymous access, without versioning, without default
  encryption, without lifecycle rules; access keys that never expire or outlive the rotation
  period (default 90 days); users and groups with full access; policies reaching many buckets.
  Each item: pass or fail, why it matters, how to fix it.

Exit codes: 0 every item passes, 1 an item fails (or the check could not run), 2 usage.
`

function formatItem(item: CheckItem): string {
  const head = `${item.status === 'pass' ? 'PASS' : 'FAIL'}  ${item.title}`
  if (item.status === 'pass') return head
  const findings = item.findings.map((finding) => `        - ${finding}`).join('\n')
  return `${head}\n${findings}\n        Why: ${item.why}\n        Fix: ${item.fix}`
}

function formatReport(report: ChecklistReport): string {
  const failed = report.items.filter((item) => item.status === 'fail').length
  const summary = failed === 0 ? 'All items pass.' : `${failed} of ${report.items.length} items fail.`
  return `Storage-security checklist of connection '${report.connection}' (${report.endpoint}):\n${report.items.map(formatItem).join('\n')}\n${summary}\n`
}

/** `gatehouse check`: the checklist of one connection; exit 1 when an item fails. */
export async function runCheckCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h') {
    io.stdout(HELP)
    return EXIT.ok
  }
  const { values, positionals } = parseCommandArgs(args, { connection: { type: 'string' }, 'rotation-days': { type: 'string' }, json: { type: 'boolean', default: false } })
  if (positionals.length > 0) throw new UsageError(`check takes no positional arguments (got '${positionals[0]}').\n\n${HELP}`)
  if (!values.connection) throw new UsageError(`check needs --connection NAME.\n\n${HELP}`)
  const rotationDays = values['rotation-days'] === undefined ? undefined : Number(values['rotation-days'])
  if (rotationDays !== undefined && !(Number.isInteger(rotationDays) && rotationDays >= 1 && rotationDays <= 3650)) throw new UsageError('--rotation-days must be a whole number of days from 1 to 3650.')
  const services = await cliServices(io)
  try {
    const report = await checkConnection(services, values.connection, rotationDays === undefined ? {} : { rotationDays })
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report))
    return report.items.some((item) => item.status === 'fail') ? EXIT.failed : EXIT.ok
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    io.stderr(`${error.code}: ${error.message}\n`)
    return EXIT.failed
  } finally {
    services.close()
  }
}
