import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeReport, runDifferential } from '../testbed/oracle/differential.ts'
import { engineAnswer } from '../testbed/oracle/engine-answer.ts'
import { ensureOracleBinary, OracleProcess } from '../testbed/oracle/oracle-process.ts'
import { randomSeed } from '../testbed/policy-fuzz/seeded-random.ts'
import { defaultShardCount, runShardedDifferential } from '../testbed/oracle/sharded-differential.ts'

// The conformance gate of issue 3: random cases answered by MinIO's own evaluator (the Go oracle)
// and by our engine must agree 100%. Replay a failure with GATEHOUSE_DIFF_SEED=<printed seed>.
const seed = process.env.GATEHOUSE_DIFF_SEED ? Number(process.env.GATEHOUSE_DIFF_SEED) >>> 0 : randomSeed()
const count = Number(process.env.GATEHOUSE_DIFF_CASES ?? 100_000)
// One shard per core (GATEHOUSE_DIFF_SHARDS to override): the engine side is the slow half.
const shards = defaultShardCount()

let oraclePath = ''
let oracle: OracleProcess | undefined

beforeAll(() => {
  oraclePath = ensureOracleBinary()
  oracle = new OracleProcess(oraclePath)
}, 300_000)

afterAll(async () => {
  await oracle?.close()
})

describe('policy oracle (MinIO v3.1.3)', () => {
  it('answers spec §7 rows the way the spec records them', async () => {
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data*' }] }
    const onlyStar = { Statement: [{ Effect: 'Allow', Action: ['*'], Resource: 'arn:aws:s3:::onlythis/*' }] }
    const request = { action: 's3:GetObject', bucket: 'database', object: 'x.txt' }
    await expect(oracle!.ask({ id: 'row1', policies: [allowAll], request })).resolves.toEqual({ id: 'row1', allowed: true })
    await expect(oracle!.ask({ id: 'row18', policies: [onlyStar], request: { ...request, bucket: 'other' } })).resolves.toEqual({ id: 'row18', allowed: true })
    const raw = '{"Statement":[{"Effect":"Deny","Effect":"Allow","Action":"s3:*","Resource":"*"}]} garbage {{{'
    await expect(oracle!.ask({ id: 'row52', policies: [raw], request })).resolves.toEqual({ id: 'row52', allowed: true })
    const invalid = { Statement: [{ Effect: 'Allow', Action: 's3:getobject', Resource: '*' }] }
    await expect(oracle!.ask({ id: 'row66', policies: [invalid], request })).resolves.toEqual({ id: 'row66', error: "unsupported action 's3:getobject'" })
  })
})

describe('differential: engine vs MinIO v3.1.3', () => {
  it(`agrees on ${count} random cases (seed ${seed})`, async () => {
    const report = shards > 1
      ? await runShardedDifferential({ seed, count, shards, oraclePath })
      : await runDifferential({ seed, count, ask: (testCase) => oracle!.ask(testCase), evaluate: engineAnswer })
    console.log(`${describeReport(report)} (${shards} shard${shards > 1 ? 's' : ''})`)
    if (report.vectors.length > 0) {
      console.log(`First mismatches, ready for src-main/policy/vectors/found-<topic>.json:\n${JSON.stringify(report.vectors, null, 2)}`)
    }
    expect(report.count).toBe(count)
    expect(report.decisionMismatches + report.messageMismatches, `seed ${seed}: see the vectors printed above`).toBe(0)
  }, 600_000)
})
