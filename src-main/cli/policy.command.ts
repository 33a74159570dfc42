import { EXIT, UsageError, type CliIo } from './io.ts'
import { runLint, runValidate } from './policy/policy-check.ts'
import { runEval } from './policy/policy-eval.ts'
import { runTest } from './policy/policy-test.ts'

const HELP = `Usage: gatehouse policy <command>

  eval --cases FILE|- [--explain]
        Answers policy cases (JSON Lines: {"id","policies":[…],"request":{…}}) exactly as MinIO's
        evaluator would: one {"id","allowed"} or {"id","error"} line per case, in input order.
        A case whose request names an S3 "operation" (GetObject, HeadObject, PutObject, DeleteObject,
        CopyObject, ListObjectsV1/V2, ListObjectVersions, ListBuckets, Get/Put/DeleteObjectTagging,
        GetBucketLocation) is answered as MinIO's handler checks it, with the server's condition map:
        {"id","allowed","checks":[…],"listedBuckets"?,"semantics"}.
  validate FILE… [--kind canned|session] [--name NAME] [--json]
        MinIO's own checks plus the server's storage rules, with JSON paths and line:column.
  lint FILE… [--kind canned|session] [--json]
        Validation plus advice: wildcards spanning buckets, spoofable keys, unknown variables, …
  test SUITE… [--json]
        Policy unit tests for CI: a YAML or JSON suite names policy files, optional groups and
        principals, and cases with expected decisions (allow, deny, explicitDeny, implicitDeny, error).

FILE may be - for standard input. Exit codes: 0 ok, 1 failed checks or cases, 2 usage error.
`

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  eval: runEval,
  validate: runValidate,
  lint: runLint,
  test: runTest,
}

/** `gatehouse policy …`: offline policy evaluation, validation, lint and unit tests (no server needed). */
export async function runPolicyCommand(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP)
    return command ? EXIT.ok : EXIT.usage
  }
  const run = COMMANDS[command]
  if (!run) throw new UsageError(`unknown command '${command}'.\n\n${HELP}`)
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(HELP)
    return EXIT.ok
  }
  return run(rest, io)
}
