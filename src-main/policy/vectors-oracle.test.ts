import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareAnswers, type EngineAnswer } from '../testbed/oracle/differential.ts'
import { ensureOracleBinary, OracleProcess } from '../testbed/oracle/oracle-process.ts'

// The vectors pin the engine; this test pins the vectors. Every expectation in ../vectors must be
// what MinIO's own evaluator (the oracle) answers, so a hand-written vector cannot encode a wrong
// belief that the engine then faithfully reproduces.
interface Vector {
  id: string
  policies: unknown[]
  request: Record<string, unknown>
  expect: { allowed: boolean } | { error: string }
}

const folder = new URL('./vectors/', import.meta.url)
const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort()
let oracle: OracleProcess | undefined

beforeAll(() => {
  oracle = new OracleProcess(ensureOracleBinary())
}, 300_000)

afterAll(async () => {
  await oracle?.close()
})

describe('policy vectors agree with MinIO v3.1.3', () => {
  for (const file of files) {
    it(file, async () => {
      const vectors = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Vector[]
      const wrong: string[] = []
      for (const vector of vectors) {
        const answer = await oracle!.ask({ id: vector.id, policies: vector.policies, request: vector.request })
        // The vector's expectation plays the engine's part: same comparison as the differential test.
        const expected: EngineAnswer = { id: vector.id, ...vector.expect }
        if (compareAnswers(answer, expected) !== 'agree') wrong.push(`${vector.id}: vector says ${JSON.stringify(vector.expect)}, MinIO says ${JSON.stringify(answer)}`)
      }
      expect(wrong).toEqual([])
    })
  }
})
