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

export const retentionPolicySchema = z
  .object({
    maxAgeDays: z.number().positive().optional(),
    maxEvents: z.number().int().nonnegative().optional(),
    maxBytes: z.number().int().positive().optional(),
  })
  .strict()
  .refine((policy) => Object.values(policy).some((value) => value !== undefined), 'Set at least one of maxAgeDays, maxEvents, maxBytes.')
