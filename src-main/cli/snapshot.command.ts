import { closeSync, openSync, writeSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import type { AppServices } from '../services/app-services.ts'
import { cliServices } from './cli-services.ts'
import { AppFailure } from '../api/result.ts'
import { formatApplyReport, formatPlan } from '../snapshot/plan-format.ts'
import type { GeneratedCredential } from '../snapshot/snapshot-apply.ts'
import { loadSnapshot } from '../snapshot/snapshot-file.ts'
import { applySnapshotPlan, exportToFile, planAgainstServer, withSnapshotSession, type SnapshotSession } from '../snapshot/snapshot.service.ts'
import { parseCommandArgs } from './args.ts'
import { EXIT, UsageError, type CliIo } from './io.ts'

const HELP = `Usage: gatehouse snapshot <command>

  export --connection NAME -o FILE
        Writes the server's IAM state (users, groups, policies, attachments, access key
        metadata; never a secret) to FILE as a versioned JSON snapshot.
  diff FILE --connection NAME
        Prints what an apply of FILE would create, change and remove on the server.
  apply FILE --connection NAME [--yes] [--credentials-out FILE] [--concurrency N]
        Makes the server match FILE, step by step, each step audited. Without --yes it prints
        the plan and asks. Users and access keys it creates get new secrets, written once to
        --credentials-out (created with mode 0600; required when the plan creates any).

Exit codes: 0 done (diff: always 0 when the plan could be made), 1 failure or a step failed, 2 usage.
`

/** `gatehouse snapshot …`: export, diff and apply IAM snapshots with the app's profiles and audit trail. */
export async function runSnapshotCommand(args: string[], io: CliIo, services?: AppServices): Promise<number> {
  const [command, ...rest] = args
  if (!command || command === '--help' || command === '-h') {
    io.stdout(HELP)
    return command ? EXIT.ok : EXIT.usage
  }
  if (!['export', 'diff', 'apply'].includes(command)) throw new UsageError(`unknown command '${command}'.\n\n${HELP}`)
  const parsed = parseCommandArgs(rest, {
    connection: { type: 'string' },
    output: { type: 'string', short: 'o' },
    yes: { type: 'boolean', default: false },
    'credentials-out': { type: 'string' },
    concurrency: { type: 'string' },
  })
  const connection = parsed.values.connection
  if (!connection) throw new UsageError(`${command} needs --connection NAME.`)
  const app = services ?? (await cliServices(io))
  try {
    return await withSnapshotSession(app, connection, async (session, source) => {
      if (command === 'export') return exportCommand(session, parsed.values.output, parsed.positionals, source, io)
      const file = single(parsed.positionals, 'snapshot FILE')
      const plan = await planAgainstServer(session, await loadSnapshot(file), source)
      io.stdout(formatPlan(plan, `connection '${source.connection}' (${source.endpoint})`))
      if (command === 'diff') return EXIT.ok
      return applyCommand(session, file, plan, parsed.values, io)
    })
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    io.stderr(`${error.code}: ${error.message}\n`)
    return EXIT.failed
  } finally {
    if (!services) app.close()
  }
}

async function exportCommand(session: SnapshotSession, output: string | undefined, positionals: string[], source: { endpoint: string; connection: string }, io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new UsageError('export takes no positional arguments; name the file with -o FILE.')
  if (!output) throw new UsageError('export needs -o FILE.')
  const snapshot = await exportToFile(session, output, source)
  io.stdout(`Exported ${snapshot.users.length} users, ${snapshot.groups.length} groups, ${snapshot.policies.length} policies and ${snapshot.accessKeys.length} access keys to ${output}.\n`)
  return EXIT.ok
}

interface ApplyFlags {
  yes?: boolean | undefined
  'credentials-out'?: string | undefined
  concurrency?: string | undefined
}

async function applyCommand(session: SnapshotSession, file: string, plan: Awaited<ReturnType<typeof planAgainstServer>>, flags: ApplyFlags, io: CliIo): Promise<number> {
  if (plan.steps.length === 0) return EXIT.ok
  const makesSecrets = plan.steps.some((step) => step.operation.type === 'createUser' || step.operation.type === 'createAccessKey')
  const credentialsPath = flags['credentials-out']
  if (makesSecrets && !credentialsPath) {
    throw new UsageError('this plan creates users or access keys, whose new secrets must go somewhere: add --credentials-out FILE (written once, mode 0600).')
  }
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency)
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 32)) throw new UsageError('--concurrency must be a whole number from 1 to 32.')
  if (!flags.yes && !(await confirm(io, `Apply these ${plan.steps.length} steps? [y/N] `))) {
    io.stderr('Not applied: nothing was changed. Pass --yes to apply without asking.\n')
    return EXIT.failed
  }
  const credentials = credentialsPath && makesSecrets ? openCredentialsFile(credentialsPath) : undefined
  // Ctrl-C starts no new step; steps already sent finish and the report still prints.
  const cancel = new AbortController()
  const onInterrupt = () => cancel.abort()
  process.once('SIGINT', onInterrupt)
  try {
    const report = await applySnapshotPlan(session, file, plan, {
      signal: cancel.signal,
      ...(concurrency ? { concurrency } : {}),
      ...(credentials ? { onCredential: credentials.write } : {}),
    })
    io.stdout(formatApplyReport(report))
    if (credentials?.count()) io.stdout(`Wrote ${credentials.count()} new secret(s) to ${credentialsPath}; store them safely and delete the file.\n`)
    return report.progress.ok === report.progress.total ? EXIT.ok : EXIT.failed
  } finally {
    process.off('SIGINT', onInterrupt)
    credentials?.close()
  }
}

/**
 * The credentials file: created new (never overwriting) with mode 0600, one JSON line per secret,
 * written the moment the user or key exists so a crash later loses none.
 */
function openCredentialsFile(path: string): { write: (credential: GeneratedCredential) => void; count: () => number; close: () => void } {
  let fd: number
  try {
    fd = openSync(path, 'wx', 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new UsageError(`--credentials-out ${path} already exists; name a new file (secrets are never written over another file).`)
    throw new AppFailure('INVALID_INPUT', `Could not create the credentials file ${path} (${code ?? 'error'}). Nothing was applied.`)
  }
  let written = 0
  return {
    write: (credential) => {
      writeSync(fd, `${JSON.stringify(credential)}\n`)
      written++
    },
    count: () => written,
    close: () => closeSync(fd),
  }
}

// On a terminal, ask; from a pipe, the first line of standard input is the answer.
async function confirm(io: CliIo, question: string): Promise<boolean> {
  let answer: string
  if (io.isStdinTty) {
    const prompt = createInterface({ input: process.stdin, output: process.stderr })
    answer = await prompt.question(question).finally(() => prompt.close())
  } else {
    io.stderr(question)
    answer = (await io.readStdin()).split(/\r?\n/)[0] ?? ''
  }
  return /^y(es)?$/i.test(answer.trim())
}

function single(positionals: string[], label: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`expected exactly one ${label}.`)
  return positionals[0]
}
