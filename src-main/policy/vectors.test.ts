// Conformance vectors: every file in ./vectors (hand-written spec rows, operator edge cases, and the
// `found-*.json` files the differential test produces) is walked here. Expected answers come from
// MinIO's own evaluator (minio/pkg v3.1.3 through tools/policy-oracle). A bug found becomes a vector first.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateCase } from './index.ts'
import type { PolicyDocument, PolicyRequest } from './types.ts'

interface Vector {
  id: string
  description?: string
  policies: Array<PolicyDocument | string>
  request: PolicyRequest
  expect: { allowed: boolean } | { error: string }
}

const folder = new URL('./vectors/', import.meta.url)
const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort()

/** MinIO prints multi-key lists in random map order; compare them sorted. */
function normalise(message: string): string {
  return message.replace(/'\[([^\]]*)\]'/g, (_, list: string) => `'[${list.split(' ').sort().join(' ')}]'`)
}

function answer(vector: Vector): { allowed: boolean } | { error: string } {
  const outcome = evaluateCase({ id: vector.id, policies: vector.policies, request: vector.request })
  return 'error' in outcome ? { error: normalise(outcome.error) } : { allowed: outcome.allowed }
}

describe('policy vectors', () => {
  it('has vector files', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    const vectors = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Vector[]
    describe(file, () => {
      for (const vector of vectors) {
        it(`${vector.id}: ${vector.description ?? ''}`, () => {
          const expected = 'error' in vector.expect ? { error: normalise(vector.expect.error) } : vector.expect
          expect(answer(vector)).toEqual(expected)
        })
      }
    })
  }
})
