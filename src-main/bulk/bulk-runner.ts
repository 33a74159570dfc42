import { appErrorOf, type AppError, type ErrorCode } from '../api/result.ts'
import { mapBounded } from '../shared/bounded-map.ts'

/** How one item of a bulk run ended. `skipped` items were never sent to the server. */
export type BulkItemStatus = 'ok' | 'failed' | 'skipped'

export interface BulkItemResult<R> {
  /** Position in the input, from 0. */
  index: number
  /** What the item is, for people: "user 'alice'", "attach 'readonly' to group 'ops'". */
  label: string
  status: BulkItemStatus
  value?: R
  /** Why it failed or was skipped (CANCELLED when the run was cancelled before it started). */
  error?: AppError
}

export interface BulkProgress {
  total: number
  done: number
  ok: number
  failed: number
  skipped: number
}

/** One event per finished item, in completion order; the UI subscribes to these. */
export interface BulkEvent<R> {
  result: BulkItemResult<R>
  progress: BulkProgress
}

export interface BulkReport<R> {
  /** One result per input item, in input order. */
  results: BulkItemResult<R>[]
  progress: BulkProgress
  /** True when the signal aborted the run; the remaining items are `skipped` with CANCELLED. */
  isCancelled: boolean
  /** Set when the run stopped early because continuing could not succeed (the rest are skipped). */
  haltedBecause?: AppError
}

export interface BulkTask<T, R> {
  label: (item: T) => string
  run: (item: T) => Promise<R>
}

export interface BulkOptions<R> {
  /** Items in flight at once. Default BULK_DEFAULT_CONCURRENCY. */
  concurrency?: number
  signal?: AbortSignal
  onItem?: (event: BulkEvent<R>) => void
}

/**
 * Items in flight by default. MinIO serialises its Argon2 work (§2.7), but each item also has a
 * client-side derivation, plain reads and audit writes that overlap with the server's; measured in
 * bench/bulk-users.bench.ts, gains stop beyond about 4 on a 2-core host.
 */
export const BULK_DEFAULT_CONCURRENCY = 4

// Failures after which no later item can succeed: the rest are skipped, each saying why. A lost
// server must fail several times in a row (one dropped connection is not an outage).
const HALT_AFTER: Partial<Record<ErrorCode, number>> = {
  AUDIT_UNAVAILABLE: 1,
  MINIO_AUTH_FAILED: 1,
  MINIO_UNREACHABLE: 3,
  MINIO_TLS_FAILED: 1,
}

/**
 * Runs `task` over `items` with bounded concurrency and returns one result per item. A failing item
 * never stops the run: it is reported and the next items are still tried, unless the failure means
 * none can succeed (audit trail unavailable, credentials rejected, server unreachable 3 times in a
 * row), in which case every remaining item is explicitly `skipped` with the reason. Aborting the
 * signal starts no new item; items already sent finish and report their real outcome. Never rejects
 * for an item's AppFailure; other errors (bugs) become INTERNAL results.
 */
export async function runBulk<T, R>(items: readonly T[], task: BulkTask<T, R>, options: BulkOptions<R> = {}): Promise<BulkReport<R>> {
  const results: BulkItemResult<R>[] = new Array<BulkItemResult<R>>(items.length)
  const progress: BulkProgress = { total: items.length, done: 0, ok: 0, failed: 0, skipped: 0 }
  const state = { streak: { code: '', count: 0 }, halted: undefined as AppError | undefined }
  const finish = (result: BulkItemResult<R>): void => {
    results[result.index] = result
    progress.done++
    progress[result.status]++
    options.onItem?.({ result, progress: { ...progress } })
  }
  // Cancellation and halting are checked as each item starts, so items already sent finish.
  await mapBounded(items, options.concurrency ?? BULK_DEFAULT_CONCURRENCY, async (item, index) => {
    const label = task.label(item)
    const stop = options.signal?.aborted ? cancelledError(label) : state.halted ? haltedError(label, state.halted) : undefined
    if (stop) return finish({ index, label, status: 'skipped', error: stop })
    const result = await runOne(task, item, index, label)
    state.halted ??= haltReason(state.streak, result)
    finish(result)
  })
  return { results, progress, isCancelled: Boolean(options.signal?.aborted), ...(state.halted ? { haltedBecause: state.halted } : {}) }
}

async function runOne<T, R>(task: BulkTask<T, R>, item: T, index: number, label: string): Promise<BulkItemResult<R>> {
  try {
    return { index, label, status: 'ok', value: await task.run(item) }
  } catch (error) {
    return { index, label, status: 'failed', error: toAppError(error, label) }
  }
}

/** An item's thrown value as an AppError: AppFailure keeps its code; anything else is INTERNAL. */
export function toAppError(error: unknown, label: string): AppError {
  return appErrorOf(error, (bug) => ({ code: 'INTERNAL', message: `Unexpected error on ${label}: ${bug instanceof Error ? bug.message : String(bug)}` }))
}

function haltReason(streak: { code: string; count: number }, result: BulkItemResult<unknown>): AppError | undefined {
  const code = result.error?.code
  if (result.status !== 'failed' || !code) {
    streak.code = ''
    streak.count = 0
    return undefined
  }
  streak.count = streak.code === code ? streak.count + 1 : 1
  streak.code = code
  const limit = HALT_AFTER[code]
  if (limit === undefined || streak.count < limit) return undefined
  return { code, message: `${code} on ${result.label}: ${result.error?.message ?? ''}` }
}

function cancelledError(label: string): AppError {
  return { code: 'CANCELLED', message: `Not done: ${label}. The run was cancelled before this item started; nothing was sent for it.` }
}

function haltedError(label: string, reason: AppError): AppError {
  return { code: reason.code, message: `Skipped: ${label}. Nothing was sent for it because an earlier item showed no further item can succeed (${reason.message}). Fix that and run the remaining items again.` }
}

/**
 * The same run as an async iterator of per-item events (for a UI or an IPC event channel), plus
 * the final report. Events are buffered, so a slow consumer loses none.
 */
export function streamBulk<T, R>(items: readonly T[], task: BulkTask<T, R>, options: Omit<BulkOptions<R>, 'onItem'> = {}): { events: AsyncIterable<BulkEvent<R>>; report: Promise<BulkReport<R>> } {
  const queue: BulkEvent<R>[] = []
  let wake: (() => void) | undefined
  let isDone = false
  const report = runBulk(items, task, { ...options, onItem: (event) => { queue.push(event); wake?.() } }).finally(() => {
    isDone = true
    wake?.()
  })
  const events = {
    async *[Symbol.asyncIterator](): AsyncGenerator<BulkEvent<R>> {
      for (;;) {
        const event = queue.shift()
        if (event) yield event
        else if (isDone) return
        else await new Promise<void>((resolve) => (wake = resolve))
      }
    },
  }
  return { events, report }
}
