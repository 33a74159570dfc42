import { z } from 'zod'
import { connectionId, existingName, shownError } from './fields.ts'

// The Users screen's bulk channel: one change applied to many selected users, one result per user.

/** At most this many users per run: a run is one request, and each user costs MinIO Argon2 work (§2.7). */
export const MAX_BULK_USERS = 1000

const accessKeys = z
  .array(existingName('user access key'))
  .min(1, 'Select at least one user.')
  .max(MAX_BULK_USERS, `At most ${MAX_BULK_USERS} users per bulk change: select fewer and run it again.`)
  .superRefine((keys, context) => {
    const repeated = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))]
    if (repeated.length > 0) {
      const names = repeated.slice(0, 5).map((key) => `'${key}'`).join(', ')
      context.addIssue({ code: 'custom', message: `Each user may be listed once; listed more than once: ${names}.` })
    }
  })

const policies = z.array(existingName('policy name')).min(1, 'Choose at least one policy.').max(100)
const group = existingName('group name')

/** What to do to every selected user. */
const bulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['attach', 'detach']), policies }).strict(),
  z.object({ kind: z.enum(['addToGroup', 'removeFromGroup']), group }).strict(),
  z.object({ kind: z.enum(['enable', 'disable']) }).strict(),
  z.object({ kind: z.literal('delete') }).strict(),
])

const userResult = z.object({
  accessKey: z.string(),
  /** `skipped`: nothing was changed for this user (not sent, or it already was as asked); the error says which. */
  status: z.enum(['ok', 'failed', 'skipped']),
  error: shownError.optional(),
})

const totals = z.object({ total: z.number(), ok: z.number(), failed: z.number(), skipped: z.number() })

export const bulkContract = {
  /** Applies one action to each user through the audited IAM service: one audit event per user sent. */
  'users.bulk': {
    input: z.strictObject({ connectionId, accessKeys, action: bulkAction }),
    output: z.object({ results: z.array(userResult), totals }),
  },
} as const

export type UserBulkAction = z.output<typeof bulkAction>
export type UserBulkReport = z.output<(typeof bulkContract)['users.bulk']['output']>
export type UserBulkResult = z.output<typeof userResult>
