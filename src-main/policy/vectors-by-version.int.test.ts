import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { compareAnswers } from '../testbed/oracle/differential.ts'
import { ensureOracleBinary, OracleProcess, type OracleAnswer } from '../testbed/oracle/oracle-process.ts'

// Where older minio/pkg releases decide differently (policy/server-request/semantics.ts): each file
// in ../vectors-by-version is labelled by the minio/pkg version whose oracle answered it. This asks
// that version's oracle (built with scripts/build-policy-oracle.sh VERSION through the Go module
// proxy; ~20 s a version on first run) and v3.1.3's, and requires both answers the file records, so
// every listed difference is real and still separates the two versions.
interface VersionVector {
  id: string
  oracle: string
  policies: unknown[]
  request: Record<string, unknown>
  expect: { allowed: boolean } | { error: string }
  current: { allowed: boolean } | { error: string }
}

const folder = new URL('./vectors-by-version/', import.meta.url)
const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort()
const opened: OracleProcess[] = []

afterAll(async () => {
  await Promise.all(opened.map((oracle) => oracle.close()))
})

function agrees(answer: OracleAnswer, expected: VersionVector['expect']): boolean {
  return compareAnswers(answer, { id: answer.id, ...expected }) === 'agree'
}

describe('vectors by minio/pkg version', () => {
  it('has a file per line before v3.1', () => {
    expect(files.length).toBeGreaterThanOrEqual(4)
  })

  for (const file of files) {
    it(file, async () => {
      const vectors = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as VersionVector[]
      const old = new OracleProcess(ensureOracleBinary(vectors[0]!.oracle))
      const current = new OracleProcess(ensureOracleBinary())
      opened.push(old, current)
      const wrong: string[] = []
      for (const vector of vectors) {
        const testCase = { id: vector.id, policies: vector.policies, request: vector.request }
        const [then, now] = await Promise.all([old.ask(testCase), current.ask(testCase)])
        if (!agrees(then, vector.expect)) wrong.push(`${vector.id}: ${vector.oracle} says ${JSON.stringify(then)}, the vector ${JSON.stringify(vector.expect)}`)
        if (!agrees(now, vector.current)) wrong.push(`${vector.id}: v3.1.3 says ${JSON.stringify(now)}, the vector ${JSON.stringify(vector.current)}`)
        if (agrees(then, vector.current)) wrong.push(`${vector.id}: ${vector.oracle} and v3.1.3 agree; not a difference`)
      }
      expect(wrong).toEqual([])
    }, 300_000)
  }
})
