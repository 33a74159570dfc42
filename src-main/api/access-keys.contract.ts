import { z } from 'zod'
import { connectionId, entityStatus, existingName, shownError } from './fields.ts'

// Channels of the Access keys screen. The secret of a new key leaves main exactly once, in
// accessKeys.create's output; no other schema names it, so no other channel can return it.

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

// MinIO's rules (§4.4): name ≤ 32 bytes starting with a letter; description ≤ 256 bytes; expiry in 15 min … 365 days.
const keyName = z
  .string()
  .trim()
  .max(32, 'An access key name can have at most 32 characters.')
  .regex(/^([A-Za-z][A-Za-z0-9_-]*)?$/, 'An access key name must start with a letter and use letters, digits, _ and - only.')
const description = z.string().trim().max(256, 'A description can have at most 256 characters.')
const expiresAt = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'The expiry is not a valid date and time.')
  .refine((value) => Date.parse(value) >= Date.now() + 15 * MINUTE - MINUTE, 'MinIO needs an expiry at least 15 minutes from now.')
  .refine((value) => Date.parse(value) <= Date.now() + 365 * DAY, 'MinIO accepts an expiry at most 365 days from now.')
/** A session policy as JSON text; MinIO caps it at 4 KiB once compacted (§4.5). */
const sessionPolicy = z.string().min(1).max(16_384, 'A session policy can have at most 4 KiB (MinIO’s limit).')

const accessKeyView = z.object({
  accessKey: z.string(),
  parentUser: z.string(),
  status: entityStatus,
  name: z.string().optional(),
  description: z.string().optional(),
  expiresAt: z.string().optional(),
  /** True when the key inherits its owner's policies; false when a session policy restricts it. */
  impliedPolicy: z.boolean(),
})

const accessKeyDetail = accessKeyView.extend({
  /** The session policy text when `impliedPolicy` is false. */
  sessionPolicy: z.string().optional(),
})

/** Users per accessKeys.listAll call; the Access keys screen reads every user's keys in steps of this. */
const LIST_ALL_MAX_USERS = 1000
/**
 * A row of the every-user listing. MinIO's bulk listing fills only the key and its expiry and skips
 * disabled users; main adds the owner's status, and for a disabled owner's keys (read one by one)
 * also the key's status, name and whether a session policy restricts it. `accessKeys.details` fills
 * those for the others on demand.
 */
const accessKeyRow = z.object({
  user: z.string(),
  accessKey: z.string(),
  expiresAt: z.string().optional(),
  parentStatus: entityStatus.optional(),
  status: entityStatus.optional(),
  name: z.string().optional(),
  hasSessionPolicy: z.boolean().optional(),
})
/** Owners per accessKeys.details call: each owner is one encrypted admin call (Argon2 on both ends). */
const DETAILS_MAX_OWNERS = 100
const keyDetails = z.object({ user: z.string(), accessKey: z.string(), status: entityStatus, name: z.string().optional(), hasSessionPolicy: z.boolean(), expiresAt: z.string().optional() })

/** At most this many keys per bulk status change (one request; one audited change per key). */
export const MAX_BULK_KEYS = 1000
const bulkKeys = z
  .array(existingName('access key'))
  .min(1, 'Select at least one access key.')
  .max(MAX_BULK_KEYS, `At most ${MAX_BULK_KEYS} access keys per bulk change: select fewer and run it again.`)
  .refine((keys) => new Set(keys).size === keys.length, 'Each access key may be listed once.')
const keyResult = z.object({ accessKey: z.string(), status: z.enum(['ok', 'failed', 'skipped']), error: shownError.optional() })

const keyRef = z.strictObject({ connectionId, accessKey: existingName('access key') })

/** keep: re-send the current session policy (§4.8); set: replace it; inherit: drop it. */
const policyChange = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('keep') }),
  z.strictObject({ mode: z.literal('set'), text: sessionPolicy }),
  z.strictObject({ mode: z.literal('inherit') }),
])

export const accessKeysContract = {
  /** The keys of one user (or of the connected account when `user` is absent), with names and status. */
  'accessKeys.list': { input: z.strictObject({ connectionId, user: existingName('user').optional() }), output: z.array(accessKeyView) },
  /**
   * The keys of the given users (up to 1000 per call, so a screen can read 10,000 users' keys in
   * steps, with progress and a way to stop), or without `users` of every user (root included).
   */
  'accessKeys.listAll': {
    input: z.strictObject({ connectionId, users: z.array(existingName('user')).min(1).max(LIST_ALL_MAX_USERS).optional() }),
    output: z.array(accessKeyRow),
  },
  /** Status, name and session-policy presence of the given owners' keys (one listing per owner). */
  'accessKeys.details': {
    input: z.strictObject({ connectionId, owners: z.array(existingName('user')).min(1).max(DETAILS_MAX_OWNERS) }).strict(),
    output: z.array(keyDetails),
  },
  /** Enables or disables each key through the audited IAM session: one audit event and one result per key. */
  'accessKeys.bulkSetStatus': {
    input: z.strictObject({ connectionId, accessKeys: bulkKeys, status: entityStatus }).strict(),
    output: z.object({ results: z.array(keyResult), totals: z.object({ total: z.number(), ok: z.number(), failed: z.number(), skipped: z.number() }) }),
  },
  'accessKeys.get': { input: keyRef, output: accessKeyDetail },
  'accessKeys.create': {
    input: z.strictObject({
      connectionId,
      targetUser: existingName('user').optional(),
      name: keyName.optional(),
      description: description.optional(),
      expiresAt: expiresAt.optional(),
      sessionPolicy: sessionPolicy.optional(),
    }),
    output: z.object({ accessKey: z.string(), secretKey: z.string(), expiresAt: z.string().optional() }),
  },
  'accessKeys.update': {
    input: keyRef.extend({
      name: keyName.optional(),
      description: description.optional(),
      expiresAt: expiresAt.optional(),
      status: entityStatus.optional(),
      policy: policyChange.default({ mode: 'keep' }),
    }),
    output: accessKeyDetail,
  },
  'accessKeys.setStatus': { input: keyRef.extend({ status: entityStatus }), output: accessKeyDetail },
  'accessKeys.remove': { input: keyRef, output: z.object({ removed: z.literal(true) }) },
} as const

export type AccessKeyView = z.output<typeof accessKeyView>
export type AccessKeyDetail = z.output<typeof accessKeyDetail>
export type AccessKeyRow = z.output<typeof accessKeyRow>
export type AccessKeyFacts = z.output<typeof keyDetails>
export type AccessKeyBulkReport = z.output<(typeof accessKeysContract)['accessKeys.bulkSetStatus']['output']>
