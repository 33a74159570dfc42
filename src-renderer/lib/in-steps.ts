import type { AppError, Result } from '../../src-main/api/result.ts'

/** How a stepped read ended: `isStale` when a newer call took over (nothing more to apply). */
export type StepsOutcome = { isStale: true } | { isStale: false; error: AppError | null }

/**
 * Reads `items` `size` at a time, one call after the other, so each call's work is bounded and
 * the screen can show what came so far: `take` gets each answer and how many items are done. Stops
 * at the first failure (its error is the outcome's) and, quietly, once `isLatest()` is false.
 */
export async function inSteps<T, R>(
  items: readonly T[],
  size: number,
  read: (chunk: T[]) => Promise<Result<R>>,
  isLatest: () => boolean,
  take: (value: R, done: number) => void,
): Promise<StepsOutcome> {
  for (let start = 0; start < items.length; start += size) {
    const chunk = items.slice(start, start + size)
    const answer = await read(chunk)
    if (!isLatest()) return { isStale: true }
    if (!answer.ok) return { isStale: false, error: answer.error }
    take(answer.value, start + chunk.length)
  }
  return { isStale: false, error: null }
}
