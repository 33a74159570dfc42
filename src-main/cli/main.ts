import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EXIT, UsageError, processIo, type CliIo, type CommandGroup } from './io.ts'

// Each group lives in its own `<group>.command.ts` and is loaded only when asked for, so
// `gatehouse policy eval` never loads the keychain or SQLite bindings.
const GROUPS: Record<string, { summary: string; load: () => Promise<CommandGroup> }> = {
  connection: {
    summary: 'add, list, test and remove connection profiles',
    load: async () => (await import('./connection.command.ts')).runConnectionCommand,
  },
  audit: {
    summary: 'verify, export, list and prune the audit trail; policy history',
    load: async () => (await import('./audit.command.ts')).runAuditCommand,
  },
  snapshot: {
    summary: 'export, diff and apply IAM snapshots (versioned JSON, never a secret)',
    load: async () => (await import('./snapshot.command.ts')).runSnapshotCommand,
  },
  policy: {
    summary: 'evaluate, validate, lint and unit-test policies offline',
    load: async () => (await import('./policy.command.ts')).runPolicyCommand,
  },
  vault: {
    summary: 'which store holds the secrets (keychain or vault); migrate between them; passphrase',
    load: async () => (await import('./vault.command.ts')).runVaultCommand,
  },
  access: {
    summary: 'who can do what: who-can, effective-permissions matrix, access diff',
    load: async () => (await import('./access.command.ts')).runAccessCommand,
  },
  check: {
    summary: 'the storage-security checklist of a deployment (exit 1 when an item fails)',
    load: async () => (await import('./check.command.ts')).runCheckCommand,
  },
}

const USAGE = `Usage: gatehouse <group> <command> [options]
       gatehouse --version | --help

Groups:
${Object.entries(GROUPS)
  .map(([name, group]) => `  ${name.padEnd(12)} ${group.summary}`)
  .join('\n')}

Run 'gatehouse <group> --help' for the commands of a group.
Exit codes: 0 success, 1 failure (or failed checks), 2 usage error.
`

/** Runs the CLI and returns its exit code. Never throws: bugs are reported as exit 1. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [groupName, ...rest] = argv
  if (groupName === '--version' || groupName === '-V' || groupName === 'version') {
    io.stdout(`gatehouse ${packageVersion()}\n`)
    return EXIT.ok
  }
  if (!groupName || groupName === '--help' || groupName === '-h' || groupName === 'help') {
    io.stdout(USAGE)
    return groupName ? EXIT.ok : EXIT.usage
  }
  const group = GROUPS[groupName]
  if (!group) {
    io.stderr(`gatehouse: unknown group '${groupName}'.\n\n${USAGE}`)
    return EXIT.usage
  }
  try {
    return await (await group.load())(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gatehouse ${groupName}: ${error.message}\n`)
      return EXIT.usage
    }
    io.stderr(`gatehouse ${groupName}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
  return manifest.version
}
