// Hand-run differential test against MinIO's evaluator, for counts beyond CI's:
//   npx tsx src-main/testbed/oracle/differential.run.ts --count 1000000 [--seed N] [--shards N] [--keep 20] [--out FILE]
// With one shard it prints progress every 10,000 cases; with more (default: one per core) it runs
// child processes and prints the merged summary. The first mismatches are written as vectors to
// --out (default: printed). Exit code 0 on full agreement, 1 on any mismatch, 2 on bad arguments.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { describeReport, runDifferential } from './differential.ts'
import { engineAnswer } from './engine-answer.ts'
import { ensureOracleBinary, OracleProcess } from './oracle-process.ts'
import { randomSeed } from '../policy-fuzz/seeded-random.ts'
import { defaultShardCount, runShardedDifferential } from './sharded-differential.ts'

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' }, seed: { type: 'string' }, shards: { type: 'string' },
      keep: { type: 'string', default: '20' }, out: { type: 'string' },
    },
  })
  const count = Number(values.count)
  const seed = values.seed === undefined ? randomSeed() : Number(values.seed) >>> 0
  if (!Number.isInteger(count) || count <= 0 || Number.isNaN(seed)) {
    process.stderr.write('usage: differential.run.ts --count N [--seed N] [--keep N] [--out FILE]\n')
    return 2
  }
  const shards = values.shards === undefined ? defaultShardCount() : Number(values.shards)
  process.stdout.write(`differential: seed ${seed}, ${count} cases, ${shards} shard(s)\n`)
  const oraclePath = ensureOracleBinary()
  const keep = Number(values.keep)
  let report
  if (shards > 1) {
    report = await runShardedDifferential({ seed, count, shards, oraclePath, keep })
  } else {
    const oracle = new OracleProcess(oraclePath)
    report = await runDifferential({
      seed, count, keep, ask: (testCase) => oracle.ask(testCase), evaluate: engineAnswer,
      onProgress: (done, partial) => process.stdout.write(`  ${done} cases, ${done - partial.agreed} mismatches\n`),
    })
    await oracle.close()
  }
  process.stdout.write(describeReport(report) + '\n')
  if (report.vectors.length > 0) {
    const text = JSON.stringify(report.vectors, null, 2) + '\n'
    if (values.out) writeFileSync(values.out, text)
    else process.stdout.write(text)
  }
  return report.agreed === report.count ? 0 : 1
}

process.exitCode = await main()
