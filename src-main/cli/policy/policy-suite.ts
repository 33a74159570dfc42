import { dirname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { UsageError, type CliIo } from '../io.ts'
import { EXPECTATIONS } from '../../policy/suite-outcome.ts'
import { readInput } from './read-input.ts'

const names = z.array(z.string()).default([])
const stringOrList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]))

const requestSchema = z.object({
  action: z.string(),
  bucket: z.string().optional(),
  object: z.string().optional(),
  /** Friendly form with full key names (`aws:SourceIp`); converted by toConditionValues. */
  conditions: z.record(z.string(), stringOrList).optional(),
  /** The evaluator's own map (short names), used as is. */
  conditionValues: z.record(z.string(), z.array(z.string())).optional(),
})


const caseSchema = z
  .object({
    name: z.string(),
    principal: z.string().optional(),
    policies: z.array(z.string()).optional(),
    request: requestSchema,
    expect: z.enum(EXPECTATIONS),
  })
  .refine((value) => (value.principal === undefined) !== (value.policies === undefined), { message: 'give either principal or policies, not both' })

const suiteSchema = z.object({
  name: z.string().optional(),
  /** Policy name → file path, relative to the suite file. */
  policies: z.record(z.string(), z.string()),
  groups: z.record(z.string(), z.object({ policies: names, enabled: z.boolean().default(true) })).default({}),
  principals: z.record(z.string(), z.object({ policies: names, groups: names })).default({}),
  cases: z.array(caseSchema).min(1),
})

export type Suite = z.infer<typeof suiteSchema>
export type SuiteCase = Suite['cases'][number]

/** A suite with its policy files read: name → raw document text. */
export interface LoadedSuite extends Suite {
  file: string
  documents: Map<string, string>
}

function unknownNames(suite: Suite): string[] {
  const problems: string[] = []
  const policy = (name: string, where: string) => suite.policies[name] === undefined && problems.push(`${where} names unknown policy '${name}'`)
  for (const [group, value] of Object.entries(suite.groups)) value.policies.forEach((name) => policy(name, `group '${group}'`))
  for (const [principal, value] of Object.entries(suite.principals)) {
    value.policies.forEach((name) => policy(name, `principal '${principal}'`))
    value.groups.filter((group) => !suite.groups[group]).forEach((group) => problems.push(`principal '${principal}' names unknown group '${group}'`))
  }
  for (const item of suite.cases) {
    item.policies?.forEach((name) => policy(name, `case '${item.name}'`))
    if (item.principal !== undefined && !suite.principals[item.principal]) problems.push(`case '${item.name}' names unknown principal '${item.principal}'`)
  }
  return problems
}

/**
 * Reads a suite (YAML or JSON; JSON is YAML) and the policy files it names, relative to the suite.
 * A malformed suite, a dangling name or a missing policy file is a UsageError naming the problem.
 */
export async function loadSuite(file: string, io: CliIo): Promise<LoadedSuite> {
  let data: unknown
  try {
    data = parseYaml(await readInput(file, io))
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`${file}: not YAML or JSON: ${(error as Error).message}`)
  }
  const checked = suiteSchema.safeParse(data)
  if (!checked.success) {
    throw new UsageError(`${file}: not a policy test suite: ${checked.error.issues.map((issue) => `${issue.path.join('.') || '(suite)'}: ${issue.message}`).join('; ')}`)
  }
  const problems = unknownNames(checked.data)
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join('; ')}`)
  const base = file === '-' ? process.cwd() : dirname(resolve(file))
  const documents = new Map<string, string>()
  for (const [name, path] of Object.entries(checked.data.policies)) documents.set(name, await readInput(resolve(base, path), io))
  return { ...checked.data, file, documents }
}
