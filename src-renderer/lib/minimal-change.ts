/**
 * The one change that turns `before` into `after`: everything between their common prefix and
 * common suffix. Applying a whole fixed document this way keeps the cursor, the selection and the
 * undo history meaningful.
 */
export function minimalChange(before: string, after: string): { from: number; to: number; insert: string } {
  let start = 0
  const shorter = Math.min(before.length, after.length)
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let end = 0
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) }
}
