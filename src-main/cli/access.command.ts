import { AccessAnalyzer, type WhoCanEntry } from '../access/access-analyzer.ts'
import type { DecidingStatement } from '../access/access-cell.ts'
import { checkAction } from '../access/access-catalogue.ts'
import { diffAccess } from '../access/access-diff.ts'
import { buildMatrix, matrixCsv } from '../access/access-matrix.ts'
import { parseResource, requestFor } from '../access/access-request.ts'
import type { DeploymentModel } from '../access/deployment.ts'
import type { PrincipalRef } from '../access/principals.ts'
import type { AppServices } from '../services/app-services.ts'
import { modelFromSnapshotFile, principalModel, whoCanModel } from '../services/access.service.ts'
import { cliServices } from './cli-services.ts'
import { AppFailure } from '../api/result.ts'
import { parseCommandArgs } from './args.ts'
import { formatDiff, formatMatrix, formatWhoCan } from './access-format.ts'
import { EXIT, UsageError, type CliIo } from './io.ts'

const HELP = `Usage: gatehouse access <command>

  who-can (--snapshot FILE | --connection NAME) --action ACTION --resource BUCKET[/KEY]
          [--condition KEY=VALUE]... [--json]
        Every user, access key and group allowed ACTION on the resource, with the deciding
        statements; answers that depend on the request (conditions) are marked conditional.
  matrix (--snapshot FILE | --connection NAME) --principal user:NAME|group:NAME|key:ACCESSKEY
         [--actions A,B,...] [--resources R,S,...] [--condition KEY=VALUE]... [--csv|--json]
        The principal's effective permissions: each action on each resource.
  diff BEFORE.json AFTER.json [--json]
        Access gained and lost between two snapshots. Exit 1 when anything was gained.

Answers come from MinIO's evaluator (exact), never from matching resource strings.
Exit codes: 0 done (diff: nothing gained), 1 failure (diff: access gained), 2 usage.
`

const OPTIONS = {
  snapshot: { type: 'string' },
  connection: { type: 'string' },
  action: { type: 'string' },
  resource: { type: 'string' },
  condition: { type: 'string', multiple: true },
  principal: { type: 'string' },
  actions: { type: 'string' },
  resources: { type: 'string' },
  json: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
} as const

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values']

/** `gatehouse access …`: who-can, matrix and diff over a snapshot file or a live connection. */
export async function runAccessCommand(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  if (!command || command === '--help' || command === '-h') {
    io.stdout(HELP)
    return command ? EXIT.ok : EXIT.usage
  }
  if (!['who-can', 'matrix', 'diff'].includes(command)) throw new UsageError(`unknown command '${command}'.\n\n${HELP}`)
  const { values, positionals } = parseCommandArgs(rest, OPTIONS)
  try {
    if (command === 'diff') return await diffCommand(positionals, values, io)
    if (positionals.length > 0) throw new UsageError(`${command} takes no positional arguments (got '${positionals[0]}').`)
    if (command === 'who-can') return await whoCanCommand(values, io)
    return await matrixCommand(values, io)
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    io.stderr(`${error.code}: ${error.message}\n`)
    return EXIT.failed
  }
}

/** An Error from the access module about the user's input (bad action, resource, principal) is a usage error. */
function asked<T>(body: () => T): T {
  try {
    return body()
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw new UsageError((error as Error).message)
  }
}

/**
 * The IAM state a question needs: a whole snapshot file, or from a live connection only what the
 * question reaches (`read`, the same scoped read as the Access screen's, without its time budget:
 * a CI job waits, and a user can stop the command).
 */
async function loadModel(values: Values, io: CliIo, read: (services: AppServices, connection: string) => Promise<DeploymentModel>): Promise<DeploymentModel> {
  if (values.snapshot !== undefined && values.connection !== undefined) throw new UsageError('give either --snapshot FILE or --connection NAME, not both.')
  if (values.snapshot !== undefined) return modelFromSnapshotFile(values.snapshot)
  if (values.connection === undefined) throw new UsageError('say where the IAM state comes from: --snapshot FILE or --connection NAME.')
  const services = await cliServices(io)
  try {
    return await read(services, values.connection)
  } finally {
    services.close()
  }
}

/** `--condition aws:SourceIp=10.0.0.1` (repeatable; a key given twice gets both values). */
export function parseConditions(list: readonly string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const item of list ?? []) {
    const equals = item.indexOf('=')
    if (equals <= 0) throw new UsageError(`--condition '${item}' must be KEY=VALUE, e.g. aws:SourceIp=10.0.0.1.`)
    const key = item.slice(0, equals)
    out[key] = [...(out[key] ?? []), item.slice(equals + 1)]
  }
  return out
}

function parsePrincipal(text: string | undefined): PrincipalRef {
  const match = /^(user|group|key):(.+)$/.exec(text ?? '')
  if (!match) throw new UsageError('--principal must be user:NAME, group:NAME or key:ACCESSKEY.')
  return { kind: match[1] === 'key' ? 'accessKey' : (match[1] as 'user' | 'group'), name: match[2] as string }
}

const listOf = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((item) => item.trim()).filter(Boolean))
const decided = (list: readonly DecidingStatement[]) => list.map(({ policy, statement }) => ({ policy, statement }))

/** The stable JSON form of one who-can entry (README: "access who-can --json"). */
export function whoCanJson(entry: WhoCanEntry) {
  return { kind: entry.kind, name: entry.name, conditional: entry.isConditional, conditions: entry.conditionKeys, decidedBy: decided(entry.decidedBy) }
}

async function whoCanCommand(values: Values, io: CliIo): Promise<number> {
  if (!values.action || !values.resource) throw new UsageError('who-can needs --action ACTION and --resource BUCKET[/KEY].')
  const action = asked(() => checkAction(values.action as string))
  const resource = asked(() => parseResource(values.resource as string))
  const supplied = parseConditions(values.condition)
  const request = requestFor(action, resource)
  const model = await loadModel(values, io, (services, connection) => whoCanModel(services, connection, request, values.resource as string, { budgetMs: null }))
  const allowed = new AccessAnalyzer(model).whoCan(request, supplied)
  if (values.json) io.stdout(`${JSON.stringify({ action, resource: values.resource, allowed: allowed.map(whoCanJson) }, null, 2)}\n`)
  else io.stdout(formatWhoCan(action, values.resource, allowed, model.source))
  return EXIT.ok
}

async function matrixCommand(values: Values, io: CliIo): Promise<number> {
  if (values.csv && values.json) throw new UsageError('choose one of --csv and --json.')
  const ref = parsePrincipal(values.principal)
  const model = await loadModel(values, io, (services, connection) => principalModel(services, connection, ref, { budgetMs: null }))
  const actions = listOf(values.actions)
  const resources = listOf(values.resources)
  const matrix = asked(() => buildMatrix(new AccessAnalyzer(model), ref, { ...(actions ? { actions } : {}), ...(resources ? { resources } : {}), supplied: parseConditions(values.condition) }))
  if (values.csv) io.stdout(matrixCsv(matrix))
  else if (values.json) {
    const cells = matrix.cells.map((cell) => ({ action: cell.action, resource: cell.resource, decision: cell.effect, conditional: cell.isConditional, conditions: cell.conditionKeys, decidedBy: decided(cell.decidedBy), summary: cell.summary }))
    io.stdout(`${JSON.stringify({ principal: ref, actions: matrix.actions, resources: matrix.resources, cells }, null, 2)}\n`)
  } else io.stdout(formatMatrix(matrix))
  return EXIT.ok
}

async function diffCommand(positionals: string[], values: Values, io: CliIo): Promise<number> {
  if (positionals.length !== 2) throw new UsageError('diff needs exactly two snapshot files: BEFORE.json AFTER.json.')
  const [before, after] = await Promise.all(positionals.map((path) => modelFromSnapshotFile(path)))
  const diff = diffAccess(before as DeploymentModel, after as DeploymentModel)
  if (values.json) {
    const change = (item: (typeof diff.gained)[number]) => ({ kind: item.kind, name: item.name, action: item.action, resource: item.resource, before: item.before, after: item.after, decidedBy: decided(item.decidedBy) })
    io.stdout(`${JSON.stringify({ gained: diff.gained.map(change), lost: diff.lost.map(change), asked: diff.asked }, null, 2)}\n`)
  } else io.stdout(formatDiff(diff))
  return diff.gained.length > 0 ? EXIT.failed : EXIT.ok
}
