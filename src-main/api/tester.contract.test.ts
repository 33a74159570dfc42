import { describe, expect, expectTypeOf, it } from 'vitest'
import { S3_OPERATIONS, type S3OperationKind } from '../policy/server-request/s3-operations.ts'
import { S3_OPERATION_KINDS, testerContract } from './tester.contract.ts'

describe('the tester contract', () => {
  it('names exactly the S3 operations the policy engine answers, in its order', () => {
    expect([...S3_OPERATION_KINDS]).toEqual([...S3_OPERATIONS])
    expectTypeOf<(typeof S3_OPERATION_KINDS)[number]>().toEqualTypeOf<S3OperationKind>()
  })

  it('refuses an operation the engine does not know', () => {
    const principal = { userPolicies: [], groups: [] }
    const asked = (kind: string) => testerContract['tester.evaluate'].input.safeParse({ documents: [], principal, request: { action: 's3:GetObject', operation: { kind } } }).success
    expect(asked('ListBuckets')).toBe(true)
    expect(asked('ListEverything')).toBe(false)
  })
})
