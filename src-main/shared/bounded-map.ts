import pLimit from 'p-limit'

/**
 * Maps `items` with at most `limit` calls of `body` in flight, starting them in input order, and
 * resolves to the results in input order. The one bounded-concurrency helper of the main side: the
 * IAM reads (MinIO serialises its Argon2 work, admin API §2.7) and the bulk runner both use it.
 * Rejects with the first rejection of `body` (calls already started still run to their end).
 */
export function mapBounded<T, R>(items: readonly T[], limit: number, body: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const run = pLimit(Math.max(1, limit))
  return Promise.all(items.map((item, index) => run(() => body(item, index))))
}
