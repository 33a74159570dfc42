import { describe, expect, it } from 'vitest'
import { AppFailure } from '../shared/result.ts'
import { runBulk } from './bulk-runner.ts'
import { bulkEventSchema, bulkReportSchema } from './bulk.schema.ts'
import { z } from 'zod'

describe('bulk schemas', () => {
  it('accept what the runner produces (report and events)', async () => {
    const events: unknown[] = []
    const report = await runBulk([1, 2, 3], {
      label: (item) => `item ${item}`,
      run: async (item) => {
        if (item === 2) throw new AppFailure('NOT_FOUND', 'no such item', { item })
        return [String(item)]
      },
    }, { onItem: (event) => events.push(event) })
    expect(bulkReportSchema(z.array(z.string())).parse(report)).toEqual(report)
    for (const event of events) expect(bulkEventSchema(z.array(z.string())).safeParse(event).success).toBe(true)
  })
})
