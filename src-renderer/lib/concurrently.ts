/**
 * The renderer's only bounded-concurrency helper: runs `task` on every item with at most `limit`
 * in flight, in the items' order, and settles when all are done. A task that rejects rejects the
 * whole run (the other runners stop taking items); callers pass tasks that answer with Results.
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const runner = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner))
}
