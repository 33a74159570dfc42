// The per-version vectors (./vectors-by-version, each answered by the oracle of the minio/pkg
// version it is labelled with; vectors-by-version.int.test.ts re-asks those oracles) asked
// of the TS engine with that version's semantics: it must give the old oracle's answer, and with
// the default semantics v3.1.3's (every vector separates the two, so neither half can pass vacuously).
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateCase } from './index.ts'
import { semanticsForPkg } from './semantics.ts'
import { normalizeMessage } from '../testbed/oracle/differential.ts'
import type { PolicyDocument, PolicyRequest } from './types.ts'

interface VersionVector {
  id: string
  description: string
  oracle: string
  policies: Array<PolicyDocument | string>
  request: PolicyRequest
  expect: { allowed: boolean } | { error: string }
  current: { allowed: boolean } | { error: string }
}

const folder = new URL('./vectors-by-version/', import.meta.url)
const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort()

/** The comparable form of an answer: the decision, or the message as the differential compares it. */
function comparable(answer: { allowed: boolean } | { error: string }): { allowed: boolean } | { error: string } {
  return 'error' in answer ? { error: normalizeMessage(answer.error) } : { allowed: answer.allowed }
}

const byFile = files.map((file) => [file, JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as VersionVector[]] as const)

describe('vectors by minio/pkg version, asked of the engine', () => {
  it('has the per-version files', () => {
    expect(files.length).toBeGreaterThanOrEqual(4)
  })

  describe.each(byFile)('%s', (_file, vectors) => {
    it.each(vectors.map((vector) => [`${vector.id}: ${vector.description}`, vector] as const))('%s', (_name, vector) => {
      const testCase = { id: vector.id, policies: vector.policies, request: vector.request }
      expect(comparable(evaluateCase(testCase, { semantics: semanticsForPkg(vector.oracle) }))).toEqual(comparable(vector.expect))
      expect(comparable(evaluateCase(testCase))).toEqual(comparable(vector.current))
    })
  })
})
