// One shard of a differential run, as a child process (see sharded-differential.ts): answers case indexes
// from, from+step, … below count with its own oracle process and prints its report as JSON.
//   node --import tsx differential.shard.ts <seed> <count> <from> <step> <keep>
import { runDifferential } from './differential.ts'
import { engineAnswer } from './engine-answer.ts'
import { ensureOracleBinary, OracleProcess } from './oracle-process.ts'

const [seed, count, from, step, keep] = process.argv.slice(2).map(Number)
const oracle = new OracleProcess(process.env.GATEHOUSE_POLICY_ORACLE ?? ensureOracleBinary())
const report = await runDifferential({
  seed: seed ?? 0, count: count ?? 0, from, step, keep, ask: (testCase) => oracle.ask(testCase), evaluate: engineAnswer,
})
await oracle.close()
process.stdout.write(JSON.stringify(report) + '\n')
