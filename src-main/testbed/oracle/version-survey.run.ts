// Where older minio/pkg releases answer differently from v3.1.3 (issue 10): the differential corpus
// asked of the oracle built at each version and at v3.1.3, differences counted by kind, and the first
// few kept as vectors labelled by the version whose oracle answered them.
//   npx tsx src-main/testbed/oracle/version-survey.run.ts --versions v3.0.0,v3.0.23 [--count 20000] [--seed N] [--keep 6] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { compareAnswers } from './differential.ts'
import { generateCases } from '../policy-fuzz/generate-case.ts'
import { ensureOracleBinary, OracleProcess, type OracleAnswer } from './oracle-process.ts'

interface VersionVector {
  id: string
  description: string
  oracle: string
  policies: unknown[]
  request: unknown
  expect: { allowed: boolean } | { error: string }
  /** What v3.1.3 answers to the same case. */
  current: { allowed: boolean } | { error: string }
}

const MAP_ORDER = /used for action|invalid condition (key|name)/

function expectOf(answer: OracleAnswer): { allowed: boolean } | { error: string } {
  return 'allowed' in answer ? { allowed: answer.allowed } : { error: answer.error }
}

function kindOf(old: OracleAnswer, current: OracleAnswer): string {
  if ('error' in old && 'allowed' in current) return 'rejected-by-old'
  if ('allowed' in old && 'error' in current) return 'rejected-by-current'
  if ('error' in old) return 'message'
  return 'decision'
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { versions: { type: 'string' }, count: { type: 'string', default: '20000' }, seed: { type: 'string', default: '10' }, keep: { type: 'string', default: '6' }, out: { type: 'string' } } })
  const versions = (values.versions ?? '').split(',').filter(Boolean)
  const count = Number(values.count)
  const seed = Number(values.seed) >>> 0
  if (versions.length === 0 || !Number.isInteger(count)) {
    process.stderr.write('usage: version-survey.run.ts --versions v3.0.0,… [--count N] [--seed N] [--keep N] [--out DIR]\n')
    return 2
  }
  const current = new OracleProcess(ensureOracleBinary())
  const olds = versions.map((version) => ({ version, oracle: new OracleProcess(ensureOracleBinary(version)), counts: new Map<string, number>(), kept: [] as VersionVector[], firstByKind: new Map<string, string>() }))
  for (const testCase of generateCases(seed, count)) {
    const answers = await Promise.all([current, ...olds.map((old) => old.oracle)].map((oracle) => oracle.ask(testCase)))
    const now = answers[0] as OracleAnswer
    const thens = answers.slice(1)
    for (const [index, old] of olds.entries()) {
      const then = thens[index] as OracleAnswer
      if (compareAnswers(then, { id: testCase.id, ...expectOf(now) }) === 'agree') continue
      // Which of several offenders an error names depends on Go's map order: not a difference of versions.
      if ('error' in then && 'error' in now && MAP_ORDER.test(then.error) && MAP_ORDER.test(now.error)) continue
      const kind = kindOf(then, now)
      old.counts.set(kind, (old.counts.get(kind) ?? 0) + 1)
      const perKind = old.kept.filter((vector) => vector.description.startsWith(kind)).length
      if (perKind < Number(values.keep)) {
        old.kept.push({
          id: `${old.version}-${testCase.id}`, description: `${kind}: minio/pkg ${old.version} answers ${JSON.stringify(expectOf(then))}, v3.1.3 ${JSON.stringify(expectOf(now))}`,
          oracle: old.version, policies: testCase.policies, request: testCase.request, expect: expectOf(then), current: expectOf(now),
        })
      }
    }
  }
  for (const old of olds) {
    const total = [...old.counts.values()].reduce((sum, value) => sum + value, 0)
    const detail = [...old.counts].map(([kind, value]) => `${kind} ${value}`).join(', ')
    process.stdout.write(`minio/pkg ${old.version}: ${total} of ${count} cases differ from v3.1.3 (seed ${seed})${detail ? `: ${detail}` : ''}\n`)
    if (values.out && old.kept.length > 0) {
      mkdirSync(values.out, { recursive: true })
      writeFileSync(join(values.out, `${old.version}.json`), JSON.stringify(old.kept, null, 2) + '\n')
    }
    await old.oracle.close()
  }
  await current.close()
  return 0
}

process.exitCode = await main()
