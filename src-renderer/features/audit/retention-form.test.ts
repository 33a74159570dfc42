import { describe, expect, it } from 'vitest'
import { describePolicy, formatBytes, formOf, toPolicy } from './retention-form.ts'

describe('retention form', () => {
  it('turns typed limits into a policy, size in MiB to bytes, empty fields into no limit', () => {
    expect(toPolicy({ maxAgeDays: ' 90 ', maxEvents: '', maxSizeMiB: '2' })).toEqual({ policy: { maxAgeDays: 90, maxBytes: 2_097_152 } })
    expect(toPolicy({ maxAgeDays: '', maxEvents: '', maxSizeMiB: '' })).toEqual({ policy: {} })
  })

  it('names the field that is not a positive whole number', () => {
    expect(toPolicy({ maxAgeDays: '', maxEvents: '2.5', maxSizeMiB: '' })).toEqual({ error: "Maximum events takes a positive whole number, not '2.5'. Leave it empty for no limit." })
    expect(toPolicy({ maxAgeDays: '0', maxEvents: '', maxSizeMiB: '' })).toMatchObject({ error: expect.stringMatching(/^Maximum age \(days\) .* not '0'/) })
    expect(toPolicy({ maxAgeDays: '', maxEvents: '', maxSizeMiB: '-1' })).toMatchObject({ error: expect.stringMatching(/^Maximum size \(MiB\)/) })
  })

  it('fills the form from a saved policy and describes it', () => {
    expect(formOf({ maxEvents: 1000, maxBytes: 5 * 1_048_576 })).toEqual({ maxAgeDays: '', maxEvents: '1000', maxSizeMiB: '5' })
    expect(describePolicy({ maxAgeDays: 30, maxBytes: 1_572_864 })).toBe('max age 30 days, max size 1.5 MiB')
    expect(describePolicy({})).toBe('none (keeps everything)')
    expect(formatBytes(512)).toBe('512 bytes')
    expect(formatBytes(1536)).toBe('1.5 KiB')
  })
})
