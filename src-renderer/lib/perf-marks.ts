/**
 * User Timing marks at the moments a benchmark measures from (bench/ui-scale.bench.ts reads them
 * in the page, so no test driver's polling falls inside the span). One entry per name: the old one
 * is cleared first, so a session that reloads a list for hours keeps one mark, not thousands.
 */
export const USERS_ARRIVED_MARK = 'gatehouse:users.list-arrived'

export function markNow(name: string): void {
  performance.clearMarks(name)
  performance.mark(name)
}
