import { z } from 'zod'
import { TARGET_TYPES } from './audit.types.ts'

/** Input schemas for the audit channels (audit.list, audit.export, audit.prune), for the contract. */
export const auditFilterSchema = z
  .object({
    since: z.number().int().nonnegative().optional(),
    until: z.number().int().nonnegative().optional(),
    connectionId: z.string().min(1).max(200).optional(),
    connectionName: z.string().min(1).max(200).optional(),
    actionPrefix: z.string().min(1).max(100).optional(),
    target: z.string().min(1).max(1_000).optional(),
    targetType: z.enum(TARGET_TYPES).optional(),
    outcome: z.enum(['ok', 'error', 'unknown']).optional(),
    search: z.string().max(500).optional(),
  })
  .strict()

export const auditPageRequestSchema = z
  .object({
    filter: auditFilterSchema.default({}),
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1_000).optional(),
  })
  .strict()

/** Bounds of a retention policy: whole numbers, at most a century, a billion events or a tebibyte. */
export const RETENTION_LIMITS = {
  maxAgeDays: { min: 1, max: 36_500 },
  maxEvents: { min: 1, max: 1_000_000_000 },
  // Below 1 MiB the schema and indexes alone would exceed the limit and every prune would empty the trail.
  maxBytes: { min: 1_048_576, max: 1_099_511_627_776 },
} as const

const bounded = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max).optional()

/** A retention policy as the contract takes it; no limit set means keep everything. */
export const retentionPolicySchema = z
  .object({
    maxAgeDays: bounded(RETENTION_LIMITS.maxAgeDays),
    maxEvents: bounded(RETENTION_LIMITS.maxEvents),
    maxBytes: bounded(RETENTION_LIMITS.maxBytes),
  })
  .strict()
