import { z } from 'zod'
import { connectionId, shownError } from './fields.ts'

// Channels of the Snapshots screen: export the server's IAM state, preview the plan that makes the
// server match a snapshot, apply it. Generated secrets leave main exactly once, in
// snapshots.apply's output; no other schema names them. Steps carry their summary, never the
// server call itself (policy documents stay in main).

/** The phases an apply runs in, in order (src-main/snapshot/snapshot-plan.ts plans by them). */
export const PLAN_PHASES = ['policies', 'create', 'members', 'attachments', 'accessKeys', 'emptyGroups', 'removeEntities', 'removePolicies', 'disable'] as const

const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024

const snapshotText = z
  .string()
  .min(1, 'The snapshot is empty: choose an exported snapshot file or paste its text.')
  .max(MAX_SNAPSHOT_BYTES, 'The snapshot is larger than 8 MiB, more than Gatehouse reads; check that it is the right file.')

/** The file the text came from, for messages and the audit trail ("pasted.json" when pasted). */
const fileName = z.string().trim().min(1).max(256).default('snapshot.json')

const planOptions = z.strictObject({
  /** False keeps what the server has and the snapshot does not: no deletes (the CLI always removes). */
  removeExtras: z.boolean().default(true),
})

const counts = z.object({ policies: z.number(), users: z.number(), groups: z.number(), accessKeys: z.number() })
const stepCounts = z.object({ create: z.number(), change: z.number(), remove: z.number() })

const stepView = z.object({
  id: z.number(),
  phase: z.enum(PLAN_PHASES),
  kind: z.enum(['create', 'change', 'remove']),
  entity: z.enum(['policy', 'user', 'group', 'accessKey']),
  name: z.string(),
  summary: z.string(),
  /** Deletes something, or takes away a membership or an attached policy. */
  isDestructive: z.boolean(),
})

const planView = z.object({
  /** What the apply checks the server against (see snapshots.apply's `expected`). */
  fingerprint: z.string(),
  counts: stepCounts,
  /** Non-empty phases in the order they run, each with its steps. */
  phases: z.array(z.object({ phase: z.enum(PLAN_PHASES), steps: z.array(stepView) })),
  warnings: z.array(z.string()),
  /** Where the snapshot says it came from (informational). */
  snapshot: z.object({ endpoint: z.string(), connection: z.string().optional(), exportedAt: z.string(), exportedBy: z.string(), counts }),
})


const credential = z.object({ kind: z.enum(['user', 'accessKey']), accessKey: z.string(), secretKey: z.string(), parentUser: z.string().optional() })

const applyInput = z.strictObject({
  connectionId,
  fileName,
  text: snapshotText,
  options: planOptions.default({ removeExtras: true }),
  /** The plan the user confirmed: applied only if the server would still get exactly that plan. */
  expected: z.strictObject({ fingerprint: z.string().min(1).max(128), steps: z.number().int().min(0) }),
})

export const snapshotsContract = {
  /** Exports the server's IAM state (audited as snapshot.exported); the renderer saves the text. */
  'snapshots.export': {
    input: z.strictObject({ connectionId }),
    output: z.object({ text: z.string(), fileName: z.string(), counts }),
  },
  /** Parses the snapshot (INVALID_INPUT naming the line or field) and plans it against the server; reads only. */
  'snapshots.plan': {
    input: z.strictObject({ connectionId, fileName, text: snapshotText, options: planOptions.default({ removeExtras: true }) }),
    output: planView,
  },
  /** Re-plans, refuses with CONFLICT when that differs from `expected`, then applies step by step. */
  'snapshots.apply': {
    input: applyInput,
    output: z.object({
      results: z.array(stepView.extend({ status: z.enum(['ok', 'failed', 'skipped']), error: shownError.optional() })),
      progress: z.object({ total: z.number(), ok: z.number(), failed: z.number(), skipped: z.number() }),
      /** Why the apply stopped early (no further step could succeed), when it did. */
      haltedBecause: shownError.optional(),
      /** The steps ran but the umbrella snapshot.applied audit event could not be completed. */
      auditProblem: shownError.optional(),
      /** Secrets of the users and access keys the apply created: shown once, never stored. */
      credentials: z.array(credential),
    }),
  },
} as const

export type SnapshotPlanView = z.output<typeof planView>
export type SnapshotStepView = z.output<typeof stepView>
export type SnapshotApplyView = z.output<(typeof snapshotsContract)['snapshots.apply']['output']>
export type SnapshotCredential = z.output<typeof credential>
