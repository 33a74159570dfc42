import { z } from 'zod'
import { connectionId } from './fields.ts'

// Channels of the Access screen: who-can, the effective-permissions matrix and the storage-security
// checklist of a connection, read live (reads only; nothing here changes a server).

/**
 * Every cell of a matrix (up to 200 × 200) carries the whole map, on the main thread: 10,000 keys
 * made 400 cells take 6 s. A question names a few keys; 50 is the saved cases' bound too.
 */
export const MAX_CONDITION_KEYS = 50
const conditions = z
  .record(z.string().min(1).max(128), z.array(z.string().max(1024)).max(20))
  .refine((values) => Object.keys(values).length <= MAX_CONDITION_KEYS, `A question can set at most ${MAX_CONDITION_KEYS} condition keys; remove some and ask again.`)
  .default({})
const principal = z.object({ kind: z.enum(['user', 'group', 'accessKey']), name: z.string().min(1).max(1024) })
const decidedBy = z.array(z.object({ policy: z.string(), statement: z.number(), sid: z.string().optional(), effect: z.enum(['Allow', 'Deny']) }))
const answer = { conditional: z.boolean(), conditions: z.array(z.string()), decidedBy, summary: z.string() }

const checkItem = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'fail']),
  findings: z.array(z.string()),
  why: z.string(),
  fix: z.string(),
  screen: z.enum(['connections', 'users', 'groups', 'policies', 'access-keys']).optional(),
  template: z.record(z.string(), z.unknown()).optional(),
})

export const accessContract = {
  /** Everyone allowed `action` on `resource` (BUCKET[/KEY]); conditional answers flagged. */
  'access.whoCan': {
    input: z.strictObject({
      connectionId,
      action: z.string().trim().min(1, 'Name an action, e.g. s3:GetObject.').max(128),
      resource: z.string().trim().min(1, 'Name a bucket or bucket/key.').max(2048),
      conditions,
      // false: users and groups only, in a second or two; the access keys cost MinIO one encrypted call per owner.
      accessKeys: z.boolean().default(true),
    }).strict(),
    output: z.object({ action: z.string(), resource: z.string(), allowed: z.array(principal.extend(answer)), accessKeysRead: z.boolean() }),
  },
  /** The principal's matrix (default actions and resources when omitted), with its CSV. */
  'access.matrix': {
    input: z.strictObject({ connectionId, principal: principal.strict(), actions: z.array(z.string().max(128)).max(200).optional(), resources: z.array(z.string().max(2048)).max(200).optional(), conditions }).strict(),
    output: z.object({
      principal,
      actions: z.array(z.string()),
      resources: z.array(z.string()),
      cells: z.array(z.object({ action: z.string(), resource: z.string(), decision: z.enum(['allow', 'explicitDeny', 'implicitDeny']), ...answer })),
      csv: z.string(),
    }),
  },
  /** The storage-security checklist of the connection. */
  'access.check': {
    input: z.strictObject({ connectionId, rotationDays: z.number().int().min(1).max(3650).default(90) }),
    output: z.object({ connection: z.string(), endpoint: z.string(), checkedAt: z.string(), rotationDays: z.number(), items: z.array(checkItem) }),
  },
} as const

export type WhoCanView = z.output<(typeof accessContract)['access.whoCan']['output']>
export type MatrixView = z.output<(typeof accessContract)['access.matrix']['output']>
export type ChecklistView = z.output<(typeof accessContract)['access.check']['output']>
