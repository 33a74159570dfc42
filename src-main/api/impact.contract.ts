import { z } from 'zod'
import { connectionId, entityStatus, existingName } from './fields.ts'

// The impact preview: before a change that alters access is applied, who gains and who loses
// which access, from the evaluator on the live state before and after. A read; nothing changes.

const names = (kind: string) => z.array(existingName(kind)).min(1, `Name at least one ${kind}.`).max(1000, `At most 1000 of them per preview.`)
const target = z.union([z.object({ user: existingName('user access key') }).strict(), z.object({ group: existingName('group name') }).strict()])
const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'Give the time as ISO 8601 (2027-01-31T12:00:00Z).')
const policyText = z.string().min(1, 'The policy document is empty.').max(20_480, 'A policy document can have at most 20 KiB (MinIO’s limit).')

/** The change to preview, as the screens describe it (policy documents as the JSON text typed). */
const change = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['attach', 'detach']), targets: z.array(target).min(1).max(1000), policies: names('policy name').max(100) }).strict(),
  /** Create or replace a policy: the document as typed in the editor. */
  z.object({ kind: z.literal('putPolicy'), name: existingName('policy name'), text: policyText }).strict(),
  /** Delete a policy together with its attachments (the app detaches it everywhere first). */
  z.object({ kind: z.literal('deletePolicy'), name: existingName('policy name') }).strict(),
  z.object({ kind: z.enum(['addMembers', 'removeMembers']), group: existingName('group name'), users: names('user') }).strict(),
  z.object({ kind: z.literal('groupStatus'), group: existingName('group name'), status: entityStatus }).strict(),
  z.object({ kind: z.literal('userStatus'), users: names('user'), status: entityStatus }).strict(),
  z.object({ kind: z.literal('deleteUsers'), users: names('user') }).strict(),
  z.object({
    kind: z.literal('accessKeyPolicy'),
    accessKey: existingName('access key'),
    policy: z.discriminatedUnion('mode', [z.object({ mode: z.literal('set'), text: z.string().min(1).max(16_384) }).strict(), z.object({ mode: z.literal('inherit') }).strict()]),
  }).strict(),
  z.object({ kind: z.literal('accessKeyStatus'), accessKey: existingName('access key'), status: entityStatus }).strict(),
  /** The Access keys screen's bulk status change (at most as many keys as accessKeys.bulkSetStatus takes). */
  z.object({ kind: z.literal('accessKeysStatus'), accessKeys: names('access key'), status: entityStatus }).strict(),
  z.object({ kind: z.literal('deleteAccessKey'), accessKey: existingName('access key') }).strict(),
  /** A key's new expiry, or null for none (an expired key has no access: a new date gives it back). */
  z.object({ kind: z.literal('accessKeyExpiry'), accessKey: existingName('access key'), expiresAt: isoTime.nullable() }).strict(),
  /** A new user made with its policies and groups in one form. */
  z.object({ kind: z.literal('createUser'), name: existingName('user access key'), policies: z.array(existingName('policy name')).max(100), groups: z.array(existingName('group name')).max(100) }).strict(),
  /** A new access key: `parent` absent = the connection's own account; `policy` its session policy as typed. */
  z.object({ kind: z.literal('createAccessKey'), parent: existingName('user').optional(), policy: z.string().min(1).max(16_384).optional(), expiresAt: isoTime.optional() }).strict(),
  /** Delete a group: its members are removed first (MinIO deletes only empty groups), then it and its attachments go. */
  z.object({ kind: z.literal('deleteGroup'), group: existingName('group name') }).strict(),
])

const level = z.enum(['none', 'conditional', 'allow'])
const principalKind = z.enum(['user', 'group', 'accessKey'])
const decidedBy = z.array(z.object({ policy: z.string(), statement: z.number(), sid: z.string().optional(), effect: z.enum(['Allow', 'Deny']) }))

/** One access gained or lost: `resource` is BUCKET[/KEY] (`x` stands for any key), `*` for account-wide actions. */
const entry = z.object({ kind: principalKind, name: z.string(), action: z.string(), resource: z.string(), before: level, after: level, decidedBy })

export const impactContract = {
  /**
   * Who gains and who loses which access if `change` is applied. The lists are capped (`truncated`
   * says so); `summary` and `totals` count everything. INVALID_INPUT for a document with errors.
   */
  'access.impact': {
    input: z.strictObject({ connectionId, change }).strict(),
    output: z.object({
      gained: z.array(entry),
      lost: z.array(entry),
      /** How many principals, actions and resources were asked. */
      asked: z.object({ principals: z.number(), actions: z.number(), resources: z.number() }),
      totals: z.object({ gained: z.number(), lost: z.number(), principals: z.number() }),
      /** Per principal that gains or loses: how many accesses each way (all of them, uncapped). */
      summary: z.array(z.object({ kind: principalKind, name: z.string(), gained: z.number(), lost: z.number() })),
      truncated: z.boolean(),
    }),
  },
} as const

export type ImpactChange = z.input<typeof change>
export type ImpactView = z.output<(typeof impactContract)['access.impact']['output']>
export type ImpactEntry = z.output<typeof entry>
