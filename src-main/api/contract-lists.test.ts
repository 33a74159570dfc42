import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS as TRAIL_ACTIONS, RETENTION_LIMITS as TRAIL_LIMITS, TARGET_TYPES as TRAIL_TARGETS } from '../audit/audit.types.ts'
import { CAPABILITIES } from '../services/iam-names.ts'
import { PLAN_PHASES as APPLY_PHASES } from '../snapshot/snapshot-plan.types.ts'
import { CAPABILITY_NAMES } from './account.contract.ts'
import { AUDIT_ACTIONS, RETENTION_LIMITS, TARGET_TYPES } from './audit.contract.ts'
import { PLAN_PHASES } from './snapshots.contract.ts'

// The contract is a leaf (lint: nothing below imports it but result.ts), so the lists both sides
// need are written twice; these tests keep each pair equal, order included.
describe('lists the contract shares with the code below it', () => {
  it('audit: actions, target types and retention limits', () => {
    expect([...AUDIT_ACTIONS]).toEqual([...TRAIL_ACTIONS])
    expect([...TARGET_TYPES]).toEqual([...TRAIL_TARGETS])
    expect(RETENTION_LIMITS).toEqual(TRAIL_LIMITS)
  })

  it('snapshots: the phases an apply runs in', () => {
    expect([...PLAN_PHASES]).toEqual([...APPLY_PHASES])
  })

  it('account: the capabilities the screens ask about', () => {
    expect([...CAPABILITY_NAMES]).toEqual(Object.keys(CAPABILITIES))
  })
})
