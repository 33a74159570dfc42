import { z } from 'zod'
import { connectionId, existingName } from './fields.ts'

// "Restore this version" on the Audit screen's policy history: a preview for the confirmation, then
// the restore, which saves through the editor's audited policy update (or create, when deleted since).

const versionRef = { connectionId, policyName: existingName('policy name'), version: z.number().int().positive() }

const restorePreview = z.object({
  policyName: z.string(),
  version: z.number(),
  eventId: z.string(),
  versionTime: z.number(),
  versionActor: z.string(),
  /** The server's document now; null when the policy was deleted since. */
  currentText: z.string().nullable(),
  /** The version's document; null when the version is the deletion. */
  versionText: z.string().nullable(),
  /** The restore creates the policy again. */
  isRecreate: z.boolean(),
  isSame: z.boolean(),
  /** Unified diff, server now → version. */
  patch: z.string(),
  added: z.number(),
  removed: z.number(),
  /** The release whose rules the version was validated by. */
  checkedAs: z.string(),
  /** Why it cannot be restored; empty when it can. */
  problems: z.array(z.string()),
  currentFingerprint: z.string().nullable(),
})

export const policyRestoreContract = {
  'policies.restorePreview': { input: z.strictObject(versionRef).strict(), output: restorePreview },
  /**
   * CONFLICT when the server's document (fingerprint) or the version's event changed since the
   * preview; INVALID_INPUT with the reasons when the version no longer validates.
   */
  'policies.restore': {
    input: z.strictObject({ ...versionRef, eventId: z.string().min(1).max(100), expectedFingerprint: z.string().max(100).nullable() }).strict(),
    output: z.object({ policyName: z.string(), version: z.number(), isRecreated: z.boolean(), text: z.string() }),
  },
} as const

export type PolicyRestorePreview = z.output<typeof restorePreview>
