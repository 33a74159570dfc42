import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import { Writable } from 'node:stream'
import { join } from 'node:path'
import { AuditService } from '../audit/audit.service.ts'
import { AUDIT_FILE_NAME } from '../audit/audit-database.ts'
import { TARGET_TYPES, type AuditFilter, type AuditEvent, type OutcomeKind, type TargetType } from '../audit/audit.types.ts'
import type { RetentionPolicy, RetentionStatus } from '../audit/audit-retention.ts'
import { resolveDataDir } from '../shared/data-dir.ts'
import { securePrivateDir } from '../shared/private-files.ts'
import { AppFailure } from '../api/result.ts'
import { parseCommandArgs } from './args.ts'
import { EXIT, UsageError, pickCommand, type CliIo } from './io.ts'

const FILTER_HELP = `Filters (export and list):
  --since TIME --until TIME   ISO 8601 (2026-01-31, 2026-01-31T12:00Z) or UTC milliseconds
  --connection NAME | --connection-id ID
  --action PREFIX             e.g. policy. or policy.updated
  --target NAME [--target-type user|group|policy|accessKey|connection|snapshot|audit]
  --outcome ok|error|unknown
  --search TEXT               full-text search over targets and error messages`

const HELP = `Usage: gatehouse audit <command>

  verify [--json]             Checks the hash chain. Exit 0 when intact, 1 with the first broken entry.
  export --format csv|jsonl [-o FILE] [filters]
                              Streams events oldest first (to standard output without -o).
  list [filters] [--limit N] [--json]
                              Newest events first.
  history POLICY [--connection-id ID] [--diff FROM:TO]
                              Versions of a policy from the trail, or the diff of two of them.
  retention [--json]          The saved retention policy, the trail's size and age, the last full
                              export, and how many events a prune would remove now.
  prune [--max-age-days N] [--max-events N] [--max-bytes N]
                              Applies the saved retention policy, or only the limits given as flags.
                              Refused until a full (unfiltered) export covers what it removes.

${FILTER_HELP}

Works on audit.sqlite in the data directory (GATEHOUSE_DATA_DIR overrides it), shared with the app.
The retention policy is saved in settings.json there ("audit_retention": max_age_days, max_events,
max_bytes), set on the app's Audit screen.
`

const FILTER_OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  connection: { type: 'string' },
  'connection-id': { type: 'string' },
  action: { type: 'string' },
  target: { type: 'string' },
  'target-type': { type: 'string' },
  outcome: { type: 'string' },
  search: { type: 'string' },
} as const

/** `gatehouse audit …`: verify, export, list, history, retention and prune on the app's audit database. */
export async function runAuditCommand(args: string[], io: CliIo): Promise<number> {
  const picked = pickCommand(args, COMMANDS, HELP, io)
  if (typeof picked === 'number') return picked
  const { run, command, rest } = picked
  const dataDir = resolveDataDir(io.env)
  if (command === 'verify' && !existsSync(join(dataDir, AUDIT_FILE_NAME))) {
    io.stdout(`No audit trail yet at ${join(dataDir, AUDIT_FILE_NAME)}; nothing to verify.\n`)
    return EXIT.ok
  }
  let audit: AuditService | undefined
  try {
    securePrivateDir(dataDir)
    audit = AuditService.open(dataDir)
    return await run(rest, io, audit)
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    io.stderr(`${error.code}: ${error.message}\n`)
    return EXIT.failed
  } finally {
    audit?.close()
  }
}

type Command = (args: string[], io: CliIo, audit: AuditService) => Promise<number>

const COMMANDS: Record<string, Command> = { verify, export: exportCommand, list, history, retention, prune }

async function verify(args: string[], io: CliIo, audit: AuditService): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
  const report = await audit.verify()
  if (values.json) io.stdout(`${JSON.stringify(report)}\n`)
  else if (report.intact) io.stdout(`Audit trail intact: ${report.rows} entries verified (${audit.trail.path}).\n`)
  else io.stdout(`Audit trail BROKEN at entry ${report.firstBrokenSeq}${report.eventId ? ` (event ${report.eventId})` : ''}: ${report.reason}. ${report.rows} entries read.\n`)
  return report.intact ? EXIT.ok : EXIT.failed
}

async function exportCommand(args: string[], io: CliIo, audit: AuditService): Promise<number> {
  const { values } = parseCommandArgs(args, { ...FILTER_OPTIONS, format: { type: 'string' }, output: { type: 'string', short: 'o' } })
  if (values.format !== 'csv' && values.format !== 'jsonl') throw new UsageError('export needs --format csv or --format jsonl.')
  const filter = parseFilter(values)
  const options = { format: values.format, filter, actor: localActor() } as const
  if (values.output) {
    const summary = await audit.exportToFile(values.output, options)
    io.stderr(`Exported ${summary.rows} events to ${values.output} (sha256 ${summary.sha256}).\n`)
    return EXIT.ok
  }
  const stdout = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      io.stdout(chunk.toString('utf8'))
      done()
    },
  })
  const summary = await audit.exportToStream(stdout, { ...options, destination: 'standard output' })
  io.stderr(`Exported ${summary.rows} events (sha256 ${summary.sha256}).\n`)
  return EXIT.ok
}

async function list(args: string[], io: CliIo, audit: AuditService): Promise<number> {
  const { values } = parseCommandArgs(args, { ...FILTER_OPTIONS, limit: { type: 'string' }, json: { type: 'boolean', default: false } })
  const limit = values.limit === undefined ? 50 : positiveInteger(values.limit, '--limit')
  const page = await audit.list(parseFilter(values), { limit })
  if (values.json) io.stdout(`${JSON.stringify(page, null, 2)}\n`)
  else io.stdout(page.events.length === 0 ? 'No matching events.\n' : page.events.map(describeEvent).join(''))
  return EXIT.ok
}

function describeEvent(event: AuditEvent): string {
  const outcome = event.outcome.kind === 'error' ? `error ${event.outcome.code}: ${event.outcome.message}` : event.outcome.kind
  return `${new Date(event.time).toISOString()}  ${event.connection?.name ?? '-'}  ${event.actor}  ${event.action}  ${event.target.type}/${event.target.name}  ${outcome}\n`
}

async function history(args: string[], io: CliIo, audit: AuditService): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'connection-id': { type: 'string' }, diff: { type: 'string' } })
  const [name] = positionals
  if (!name || positionals.length > 1) throw new UsageError('history needs exactly one POLICY name.')
  const connectionId = values['connection-id']
  if (values.diff) {
    const match = /^(\d+):(\d+)$/.exec(values.diff)
    if (!match) throw new UsageError('--diff takes FROM:TO version numbers, e.g. --diff 1:3.')
    io.stdout((await audit.policyDiff(name, Number(match[1]), Number(match[2]), connectionId)).patch)
    return EXIT.ok
  }
  const versions = await audit.policyHistory(name, connectionId)
  if (versions.length === 0) io.stdout(`The audit trail has no versions of policy '${name}'.\n`)
  for (const version of versions) {
    io.stdout(`${version.version}  ${new Date(version.time).toISOString()}  ${version.action}${version.source === 'before' ? ' (state before)' : ''}  by ${version.actor}${version.document === null ? '  [deleted]' : ''}\n`)
  }
  return EXIT.ok
}

async function retention(args: string[], io: CliIo, audit: AuditService): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
  const { policy, ...status } = await audit.retention()
  if (values.json) io.stdout(`${JSON.stringify({ policy, ...status }, null, 2)}\n`)
  else io.stdout(describeRetention(policy, status))
  return EXIT.ok
}

function describeRetention(policy: RetentionPolicy, status: RetentionStatus): string {
  const time = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString())
  const exported = status.lastFullExport
  const pruneNow = status.eventsToPrune === 0
    ? 'nothing to prune'
    : `${status.eventsToPrune} events (entries up to #${status.pruneThroughSeq}), ${status.isCoveredByExport ? 'covered by the last full export' : 'NOT covered: export in full first (gatehouse audit export --format jsonl -o FILE)'}`
  return [
    `Retention policy: ${describePolicy(policy)}`,
    `Trail: ${status.events} events (${status.entries} entries), oldest ${time(status.oldestEventTime)}, newest ${time(status.newestEventTime)}, ${status.databaseBytes} bytes`,
    `Last full export: ${exported ? `${time(exported.time)}, through entry #${exported.throughSeq}` : 'never'}`,
    `Prune now: ${pruneNow}`,
  ].join('\n') + '\n'
}

function describePolicy(policy: RetentionPolicy): string {
  const limits = [
    policy.maxAgeDays === undefined ? null : `max age ${policy.maxAgeDays} days`,
    policy.maxEvents === undefined ? null : `max ${policy.maxEvents} events`,
    policy.maxBytes === undefined ? null : `max ${policy.maxBytes} bytes`,
  ].filter((limit) => limit !== null)
  return limits.length === 0 ? 'none saved (keeps everything)' : limits.join(', ')
}

async function prune(args: string[], io: CliIo, audit: AuditService): Promise<number> {
  const { values } = parseCommandArgs(args, { 'max-age-days': { type: 'string' }, 'max-events': { type: 'string' }, 'max-bytes': { type: 'string' } })
  const fromFlags = {
    ...(values['max-age-days'] ? { maxAgeDays: positiveInteger(values['max-age-days'], '--max-age-days') } : {}),
    ...(values['max-events'] ? { maxEvents: positiveInteger(values['max-events'], '--max-events') } : {}),
    ...(values['max-bytes'] ? { maxBytes: positiveInteger(values['max-bytes'], '--max-bytes') } : {}),
  }
  // Flags replace the saved policy as a whole: a one-off prune by age must not also prune by size.
  const policy = Object.keys(fromFlags).length > 0 ? fromFlags : audit.savedPolicy()
  if (Object.keys(policy).length === 0) {
    throw new UsageError('prune needs --max-age-days, --max-events or --max-bytes, or a saved retention policy (Audit screen → Retention, or "audit_retention" in settings.json).')
  }
  const summary = await audit.prune(policy, localActor())
  io.stdout(summary.prunedEntries === 0 ? `Nothing to prune under ${describePolicy(policy)}.\n` : `Pruned ${summary.prunedEvents} events (${summary.prunedEntries} entries); the chain now starts after entry ${summary.anchorSeq}.\n`)
  return EXIT.ok
}

function parseFilter(values: Partial<Record<keyof typeof FILTER_OPTIONS, string>>): AuditFilter {
  const outcome = values.outcome
  if (outcome !== undefined && !['ok', 'error', 'unknown'].includes(outcome)) throw new UsageError('--outcome takes ok, error or unknown.')
  const targetType = values['target-type']
  if (targetType !== undefined && !(TARGET_TYPES as readonly string[]).includes(targetType)) throw new UsageError(`--target-type takes one of ${TARGET_TYPES.join(', ')}.`)
  const filter: AuditFilter = {
    since: values.since === undefined ? undefined : parseTime(values.since, '--since'),
    until: values.until === undefined ? undefined : parseTime(values.until, '--until'),
    connectionName: values.connection,
    connectionId: values['connection-id'],
    actionPrefix: values.action,
    target: values.target,
    targetType: targetType as TargetType | undefined,
    outcome: outcome as OutcomeKind | undefined,
    search: values.search,
  }
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as AuditFilter
}

function parseTime(text: string, flag: string): number {
  const time = /^\d+$/.test(text) ? Number(text) : Date.parse(text)
  if (!Number.isFinite(time)) throw new UsageError(`${flag} takes an ISO 8601 time or UTC milliseconds, not '${text}'.`)
  return time
}

function positiveInteger(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} takes a positive whole number, not '${text}'.`)
  return Number(text)
}

// The CLI has no MinIO identity for its own housekeeping; the local account is the honest actor.
function localActor(): string {
  return `local:${userInfo().username}`
}
