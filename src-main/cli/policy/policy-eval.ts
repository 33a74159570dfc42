import { z } from 'zod'
import { evaluateCase } from '../../policy/index.ts'
import type { PolicyCase } from '../../policy/types.ts'
import { parseCommandArgs } from '../args.ts'
import { EXIT, UsageError, type CliIo } from '../io.ts'
import { evaluateOperationCase, isOperationCase } from './policy-eval-operation.ts'
import { readInput } from './read-input.ts'

// The case format of issue 3, checked before evaluation so a malformed line gets a clear message
// instead of a wrong answer. Documents stay as written (objects or raw JSON text).
const caseSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  policies: z.array(z.union([z.string(), z.record(z.string(), z.unknown()), z.null()])),
  request: z.object({
    action: z.string(),
    bucket: z.string().optional(),
    object: z.string().optional(),
    account: z.string().optional(),
    groups: z.array(z.string()).optional(),
    isOwner: z.boolean().optional(),
    denyOnly: z.boolean().optional(),
    conditionValues: z.record(z.string(), z.array(z.string())).optional(),
  }),
})

function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(case)'}: ${issue.message}`).join('; ')
}

/**
 * `gatehouse policy eval --cases FILE|- [--explain]`: answers each JSON Lines case with one output
 * line in input order. Returns 0 when every line was a well-formed case (a rejected document is an
 * answer, not a failure), 1 when some line was not a case (reported on stderr and skipped).
 */
export async function runEval(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { cases: { type: 'string' }, explain: { type: 'boolean', default: false } })
  if (!values.cases) throw new UsageError('eval needs --cases FILE (or - for standard input).')
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'.`)
  const text = await readInput(values.cases, io)
  let failed = false
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const where = `${values.cases}:${index + 1}`
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch (error) {
      io.stderr(`${where}: not a JSON case: ${(error as Error).message}\n`)
      failed = true
      continue
    }
    if (isOperationCase(parsed)) {
      const outcome = evaluateOperationCase(parsed, values.explain)
      if ('problem' in outcome) {
        io.stderr(`${where}: not a valid operation case: ${outcome.problem}\n`)
        failed = true
      } else io.stdout(JSON.stringify(outcome.line) + '\n')
      continue
    }
    const checked = caseSchema.safeParse(parsed)
    if (!checked.success) {
      io.stderr(`${where}: not a valid case: ${describeZodError(checked.error)}\n`)
      failed = true
      continue
    }
    const outcome = evaluateCase(checked.data as PolicyCase, { explain: values.explain })
    io.stdout(JSON.stringify(outcome) + '\n')
  }
  return failed ? EXIT.failed : EXIT.ok
}
