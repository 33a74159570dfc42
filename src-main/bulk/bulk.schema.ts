import { z } from 'zod'
import { ERROR_CODES } from '../shared/result.ts'

/**
 * Schemas for carrying bulk runs over the contract: a `*.contract.ts` output (the report) and an
 * event channel (`bulk.progressed`, one BulkEvent per finished item). They mirror bulk-runner.ts.
 */
export const appErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })

export const bulkProgressSchema = z.object({
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
})

/** One item's result; `value` is the operation's own (e.g. the names actually attached). */
export function bulkItemResultSchema<V extends z.ZodType>(value: V) {
  return z.object({ index: z.number().int().nonnegative(), label: z.string(), status: z.enum(['ok', 'failed', 'skipped']), value: value.optional(), error: appErrorSchema.optional() })
}

export function bulkEventSchema<V extends z.ZodType>(value: V) {
  return z.object({ result: bulkItemResultSchema(value), progress: bulkProgressSchema })
}

export function bulkReportSchema<V extends z.ZodType>(value: V) {
  return z.object({ results: z.array(bulkItemResultSchema(value)), progress: bulkProgressSchema, isCancelled: z.boolean(), haltedBecause: appErrorSchema.optional() })
}
